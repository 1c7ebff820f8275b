"""The Elasticsearch index: its mapping (an elasticsearch.dsl Document) and its analysis.

The mapping follows the search schema (search/schema.py), one property per SearchRecord field:

- TEXT fields are analysed with `standard`, which emits each Han character as a token: a
  `match_phrase` on them finds a word exactly (its characters adjacent), which is how query
  units match and how highlights are made. Their `.bigram` sub-fields hold character bigrams
  (the `shingle` filter): BM25 on bigrams gives recall for documents that share most of a long
  query without containing each of its words. Each is copied into `content`, so a unit may be
  in any text field.
- KEYWORD fields are keywords (facets, filters, exact 文号/索引号 lookups); INTEGER and DATE
  fields are numbers and dates; RELATION fields (文号/索引号 lists) are analysed with the
  prebuilt `whitespace` analyser; STORED fields are kept, not indexed. The ID is the `_id`.

Analysis uses only what every stock cluster and the local node have (see
search/engine/README.md): the `standard` tokenizer and the `lowercase`/`shingle` filters.
One Document class serves every page type: fields are empty where a type has none, and
`content_type` tells them apart (it is also a facet).
"""

from elasticsearch.dsl import Date, Document, Index, Integer, Keyword, Text, analyzer, token_filter

from search import conf, schema
from search.schema import SearchRecord
from search.text import without_mongolian_format

zh_bigram_filter = token_filter(
    "zh_bigram_shingle",
    "shingle",
    min_shingle_size=2,
    max_shingle_size=2,
    output_unigrams=False,
    output_unigrams_if_no_shingles=True,
    token_separator="",
)
zh_bigram = analyzer("zh_bigram", tokenizer="standard", filter=["lowercase", zh_bigram_filter])

# Every text field is copied here: what query units are matched against.
CONTENT_FIELD = "content"


def zh_text(**kwargs):
    """Characters (standard analyser) plus a bigram sub-field; offsets for fast highlighting."""
    return Text(
        analyzer="standard",
        index_options="offsets",
        fields={"bigram": Text(analyzer=zh_bigram)},
        **kwargs,
    )


def mapping_field(field: schema.SchemaField):
    """The elasticsearch.dsl field of a schema field (None for the ID, which is the `_id`)."""
    if field.kind == schema.ID:
        return None
    if field.kind == schema.TEXT:
        return zh_text(copy_to=CONTENT_FIELD)
    if field.kind == schema.KEYWORD:
        return Keyword()
    if field.kind == schema.RELATION:
        # Prebuilt on every cluster: one token per space-separated 文号/索引号, case kept.
        return Text(analyzer="whitespace", norms=False, index_options="docs")
    if field.kind == schema.STORED:
        return Keyword(index=False)
    if field.kind == schema.INTEGER:
        return Integer()
    if field.kind == schema.DATE:
        return Date()
    raise ValueError(f"search schema field {field.name!r} has an unknown kind {field.kind!r}")


def document_class(record_class=SearchRecord) -> type[Document]:
    """A Document class with one property per field of `record_class`, plus `content`."""
    properties = {}
    for field in schema.schema_fields(record_class):
        mapped = mapping_field(field)
        if mapped is not None:
            properties[field.name] = mapped
    properties[CONTENT_FIELD] = Text(
        analyzer="standard", fields={"bigram": Text(analyzer=zh_bigram)}
    )

    def from_record(cls, record):
        values = {
            name: without_mongolian_format(value) if isinstance(value, str) else value
            for name, value in record.as_dict().items()
            if name in properties and value not in ("", None)
        }
        return cls(meta={"id": record.doc_id}, **values)

    return type(
        "PageDocument",
        (Document,),
        {
            "__module__": __name__,
            "__doc__": "One page (or test/benchmark document) in the index.",
            **properties,
            # The index name is replaced by conf.index_alias() at run time.
            "Index": type("Index", (), {"name": "portal-pages"}),
            "from_record": classmethod(from_record),
        },
    )


PageDocument = document_class()


def index_definition(name: str, document=PageDocument) -> Index:
    """A physical index (named `name`) with the document's mapping and our analysis."""
    index = Index(name)
    index.settings(
        number_of_shards=conf.get("SEARCH_INDEX_SHARDS"),
        number_of_replicas=conf.get("SEARCH_INDEX_REPLICAS"),
        # Deletes must stay visible long enough to reject late stale writes (see indexing.py).
        gc_deletes="10m",
    )
    index.document(document)
    return index
