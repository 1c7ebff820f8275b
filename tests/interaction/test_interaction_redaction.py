"""Personal data removed before a question and its answer are published."""

from core.rules.identifiers import resident_id_check_char
from interaction.redaction import describe, personal_data_left, redact

FIRST17 = "15062719850312001"
ID_NUMBER = FIRST17 + resident_id_check_char(FIRST17)


def test_the_writers_own_details_are_masked_wherever_they_were_typed():
    result = redact(
        "我叫王建国，电话13904770012，邮箱wjg@example.com。王建国再次致谢。",
        name="王建国",
        phone="13904770012",
        email="wjg@example.com",
    )
    assert result.text == "我叫王**，电话139****0012，邮箱w***@example.com。王**再次致谢。"
    assert result.removed == {"name": 2, "phone": 1, "email": 1}
    assert describe(result.removed) == "姓名 2 处、联系电话 1 处、电子邮箱 1 处"


def test_other_personal_data_found_by_monitorings_detector_is_masked():
    text = f"邻居的身份证{ID_NUMBER}，手机 139-0477-0099，卡号6222020200112233446，邮件a.b@x.cn"
    result = redact(text)
    assert ID_NUMBER not in result.text and "150627********" in result.text
    assert "139****0099" in result.text and "6222***********3446" in result.text
    assert "a***@x.cn" in result.text
    assert result.removed == {"bank_card": 1, "mobile": 1, "resident_id": 1, "email": 1}
    assert personal_data_left(result.text) == []


def test_a_one_character_name_is_not_masked_everywhere():
    result = redact("王先生说王府井很远", name="王")
    assert result.text == "王先生说王府井很远" and result.removed == {}


def test_what_is_left_is_reported_masked():
    assert personal_data_left(f"电话13904770099，身份证{ID_NUMBER}") == [
        "手机号码“139****0099”",
        f"居民身份证号码“{ID_NUMBER[:6]}********{ID_NUMBER[-4:]}”",
    ]
    assert personal_data_left("索引号 11150627011580001G/2022-00001") == []
