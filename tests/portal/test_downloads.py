"""One way to serve a download: type from the extension, Chinese file names kept."""

from portal.downloads import attachment_response


def test_xlsx_download_is_typed_and_named_in_chinese():
    response = attachment_response(b"PK\x03\x04", "2025年政府信息公开工作年度报告.xlsx")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == (
        "attachment; filename*=UTF-8''2025%E5%B9%B4%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF"
        "%E5%85%AC%E5%BC%80%E5%B7%A5%E4%BD%9C%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A.xlsx"
    )
    assert response.content == b"PK\x03\x04"


def test_docx_and_unknown_types():
    assert attachment_response(b"x", "告知书.docx")["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert attachment_response(b"x", "data.unknownext")["Content-Type"] == (
        "application/octet-stream"
    )
