"""Elasticsearch documents (elasticsearch.dsl) and the index definition.

Analysis uses only what every stock cluster and the local node have (see
search/engine/README.md): the `standard` tokenizer, which emits each Han character as a token,
and the `shingle` filter, which joins neighbours into bigrams.

- Text fields are analysed with `standard`: a `match_phrase` on them finds a word exactly
  (its characters adjacent), which is how query units match and how highlights are made.
- Their `.bigram` sub-fields hold character bigrams: BM25 on bigrams gives recall for
  documents that share most of a long query without containing each of its words.
- `content` gathers every searchable text (copy_to) so a unit may be in any field.
- Metadata are keywords (facets, filters and exact 文号/索引号 lookups).

One Document class serves every page type (policy documents, interpretations, the guide,
annual reports, content pages): the metadata fields are empty where a type has none, and
`content_type` tells them apart (it is also a facet).
"""

from elasticsearch.dsl import Date, Document, Index, Integer, Keyword, Text, analyzer, token_filter

from search import conf

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


def zh_text(**kwargs):
    """Characters (standard analyser) plus a bigram sub-field; offsets for fast highlighting."""
    return Text(
        analyzer="standard",
        index_options="offsets",
        fields={"bigram": Text(analyzer=zh_bigram)},
        **kwargs,
    )


class PageDocument(Document):
    page_id = Integer()
    content_type = Keyword()
    content_type_label = Keyword()
    url = Keyword(index=False)
    title = zh_text(copy_to="content")
    summary = zh_text(copy_to="content")
    body = zh_text(copy_to="content")
    attachments_text = zh_text(copy_to="content")
    keywords = zh_text(copy_to="content")
    content = Text(analyzer="standard", fields={"bigram": Text(analyzer=zh_bigram)})
    document_number = Keyword()
    index_number = Keyword()
    topic = Keyword()
    publisher = Keyword()
    genre = Keyword()
    validity = Keyword()
    year = Integer()
    published_at = Date()

    class Index:
        name = "portal-pages"  # replaced by conf.index_alias() at run time

    @classmethod
    def from_record(cls, record):
        values = {
            name: getattr(record, name)
            for name in record.field_names()
            if name != "doc_id" and getattr(record, name) not in ("", None)
        }
        values["year"] = record.year
        return cls(meta={"id": record.doc_id}, **values)


def index_definition(name: str) -> Index:
    """A physical index (named `name`) with PageDocument's mapping and our analysis."""
    index = Index(name)
    index.settings(
        number_of_shards=conf.get("SEARCH_INDEX_SHARDS"),
        number_of_replicas=conf.get("SEARCH_INDEX_REPLICAS"),
        # Deletes must stay visible long enough to reject late stale writes (see indexing.py).
        gc_deletes="10m",
    )
    index.document(PageDocument)
    return index
