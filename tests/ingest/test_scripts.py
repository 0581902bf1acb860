"""Telling Chinese from English, and folding Traditional characters into Simplified ones."""

from hkanalysis.ingest.scripts import fold, has_cjk, is_chinese


def test_fold_maps_traditional_to_simplified_one_character_for_one():
    assert fold("習近平訪問香港特區，談關稅。") == "习近平访问香港特区，谈关税。"
    assert fold("Nvidia 輝達") == "Nvidia 辉达"
    # regional words are other words, not other characters: folding leaves them
    assert fold("晶片") == "晶片"
    text = "經濟發展與兩岸關係"
    assert len(fold(text)) == len(text)


def test_which_texts_are_chinese():
    assert has_cjk("Hong Kong 香港") and not has_cjk("Hong Kong")
    assert is_chinese("香港經濟增長。")
    assert is_chinese("英偉達（Nvidia）的晶片出口受管制。")  # 13 Han characters, 6 letters
    assert not is_chinese("John Lee (李家超) spoke to reporters in Hong Kong on Monday.")
