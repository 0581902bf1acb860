"""The bundled lexicons' context rules on the errors the judged samples found (issue 13 item 4).

Each case is a sentence written for the test, shaped like a hit judged false (or true) in
data/audits; the spans are counted by hand.
"""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import shared_corpus

import hkanalysis as hk
from hkanalysis import paths
from hkanalysis.analyses import audit
from hkanalysis.tagging import load_actors, load_themes, tag


@pytest.fixture(scope="module")
def lexicons() -> tuple:
    return load_themes(), load_actors()


def hits(lexicons, text: str, key: str) -> list[tuple[str, int, int]]:
    """(surface, start, end) of ``key``'s hits in one article."""
    themes, actors = lexicons
    found = tag(pd.DataFrame({"article_id": ["a"], "text": [text]}), themes=themes, actors=actors)
    found = found[found["key"] == key].sort_values("start")
    return list(found[["surface", "start", "end"]].itertuples(index=False, name=None))


def test_washington_glued_to_a_headline_or_left_as_a_city_is_not_the_government(lexicons):
    # aggregator text: "The Washington PostDo Kwon ..." (4) is the newspaper; "Washington said" (37) is
    text = "The Washington PostDo Kwon arrested. Washington said no."
    assert hits(lexicons, text, "US government") == [("Washington", 37, 47)]
    assert hits(lexicons, "Before he left Washington, he spoke.", "US government") == []


def test_the_white_house_as_a_building_is_not_the_government(lexicons):
    # "a cabinet meeting at the White House" (25) is the building; "The White House said" (48) is not
    text = "A cabinet meeting at the White House ended. The White House said no."
    assert hits(lexicons, text, "US government") == [("White House", 48, 59)]
    assert hits(lexicons, "Asked by a reporter at the White House, he smiled.", "US government") == []
    # "at the White House" is a place (18), unless people work there: "Officials at the White House" (48)
    text = "Trump said at the White House. Officials at the White House agreed."
    assert hits(lexicons, text, "US government") == [("White House", 48, 59)]


def test_the_wall_street_journal_glued_to_a_headline_is_no_market(lexicons):
    assert hits(lexicons, "The Wall Street JournalDo Kwon story.", "capital_markets") == []
    assert hits(lexicons, "Wall Street gained.", "capital_markets") == [("Wall Street", 0, 11)]


def test_lithography_is_a_chip_tool_only_beside_chips(lexicons):
    assert hits(lexicons, "A work of engraving or lithography is protected.", "ai_chips") == []
    # ASML (0), lithography (11) and chipmakers (32), the last a plural of chipmaker
    assert hits(lexicons, "ASML sells lithography machines to chipmakers.", "ai_chips") == [
        ("ASML", 0, 4),
        ("lithography", 11, 22),
        ("chipmakers", 35, 45),
    ]


def test_a_blacklist_of_ships_and_a_hi_tech_war_are_no_export_controls(lexicons):
    assert hits(lexicons, "It seeks to blacklist 118 vessels that carry oil exports.", "export_controls") == []
    assert hits(lexicons, "The Commerce Department blacklist grew.", "export_controls") == [("blacklist", 24, 33)]
    assert hits(lexicons, "Ukraine fights a hi-tech war of survival.", "export_controls") == []
    assert hits(lexicons, "The tech war deepened.", "export_controls") == [("tech war", 4, 12)]


def test_a_new_headquarters_or_a_shop_set_up_counts_beside_a_firm(lexicons):
    assert hits(lexicons, "NATO's new headquarters cost a billion.", "hq_relocation") == []
    assert hits(lexicons, "The company's new headquarters cost a billion.", "hq_relocation") == [
        ("new headquarters", 14, 30)
    ]
    assert hits(lexicons, "His country had set up shop on Europe's flank.", "hq_relocation") == []
    assert hits(lexicons, "The firm set up shop in Hong Kong.", "hq_relocation") == [("set up shop", 9, 20)]


def test_qianhai_counts_in_a_sentence_with_hong_kong(lexicons):
    assert hits(lexicons, "A shop in Qianhai is busy. Hong Kong buyers came.", "mainland_integration") == []
    assert hits(lexicons, "Qianhai links Hong Kong firms to the mainland.", "mainland_integration") == [
        ("Qianhai", 0, 7)
    ]


def test_moving_out_of_china_and_value_chains_are_supply_chains(lexicons):
    assert hits(lexicons, "Firms are moving out of China.", "supply_chains") == [("moving out of China", 10, 29)]
    assert hits(lexicons, "The ship moved away from China's carrier.", "supply_chains") == []
    assert hits(lexicons, "It sits high in the global value chain.", "supply_chains") == [
        ("global value chain", 20, 38)
    ]


def test_the_cross_border_projects_count_by_their_chinese_names(lexicons):
    # after3 (the even half of the chinese corpus): the bridge, the rail link's co-location and
    # CEPA's full title were missed; Traditional text is folded to the lexicon's Simplified forms
    assert hits(lexicons, "港珠澳大橋通車。", "mainland_integration") == [("港珠澳大橋", 0, 5)]
    assert hits(lexicons, "高鐵的一地兩檢安排", "mainland_integration") == [("一地兩檢", 3, 7)]
    assert hits(lexicons, "《內地與香港關於建立更緊密經貿關係的安排》", "mainland_integration") == [
        ("建立更緊密經貿關係", 8, 17)  # 《內地與香港關於 is 8 characters
    ]


def test_macaos_sar_government_and_cepa_are_not_hong_kongs(lexicons):
    # after3, from an error seen in the held-out after2 sample: an article on Macao's CEPA with a bare
    # "SAR government" (Macao's) and no Hong Kong gave the Hong Kong government and mainland_integration
    macao = "In Macao the SAR government signed CEPA."
    assert hits(lexicons, macao, "Hong Kong government") == []
    assert hits(lexicons, macao, "mainland_integration") == []
    hong_kong = "The SAR government of Hong Kong signed CEPA."
    assert hits(lexicons, hong_kong, "Hong Kong government") == [("SAR government", 4, 18)]
    assert hits(lexicons, hong_kong, "mainland_integration") == [("CEPA", 39, 43)]


def test_rare_earth_exports_count_when_curbed_not_when_counted(lexicons):
    # after3, from the even half of trade-war (a story in both halves: its held-out copy was judged
    # false in the after sample): export volumes are no export control
    assert hits(lexicons, "In 2014, rare earth exports reached 28,000 metric tons.", "export_controls") == []
    assert hits(lexicons, "China's curtailing of rare earth exports worries Germany.", "export_controls") == [
        ("rare earth exports", 22, 40)
    ]
    # "export quotas" (for rare earths, on the even half) are controls on exports of materials
    assert hits(lexicons, "The ministry abolished export quotas for rare earths.", "export_controls") == [
        ("export quotas", 23, 36)  # "The ministry abolished " is 23 characters
    ]


def test_infrastructure_links_are_no_market_connect_and_an_rmb_hub_no_firm_base(lexicons):
    assert hits(lexicons, "全力推進基礎設施互聯互通。", "capital_markets") == []
    assert hits(lexicons, "兩地資本市場互聯互通", "capital_markets") == [("資本市場", 2, 6), ("互聯互通", 6, 10)]
    assert hits(lexicons, "Banks use the offshore RMB business hub.", "hq_relocation") == []


def test_headline_words_that_are_no_theme(lexicons):
    # after4 (headlines of the exports corpus's even half): rural electrification, a biodiesel blend,
    # a defence start-ups' hub and a fossil-fuel "decouple" are none of the themes
    assert hits(lexicons, "Rural electrification of villages.", "ev") == []
    assert hits(lexicons, "Fleet electrification of buses.", "ev") == [("electrification", 6, 21)]
    assert hits(lexicons, "Biodiesel B100 has potential.", "ai_chips") == []
    assert hits(lexicons, "Nvidia H20 sales resume.", "ai_chips") == [("Nvidia", 0, 6), ("H20", 7, 10)]
    assert hits(lexicons, "BGV launches dual-use tech hub.", "export_controls") == []
    assert hits(lexicons, "Exports of dual-use goods rose.", "export_controls") == [("dual-use", 11, 19)]
    assert hits(lexicons, "Asia must decouple from fossil fuels.", "supply_chains") == []
    assert hits(lexicons, "US-China decoupling is slow.", "supply_chains") == [("decoupling", 9, 19)]
    # after4, from errors seen in the held-out sample: family offices sitting out are no firm's new base
    assert hits(lexicons, "AI boom leaves some family offices on the sidelines.", "hq_relocation") == []
    assert hits(lexicons, "More family offices set up in Hong Kong.", "hq_relocation") == [("family offices", 5, 19)]


def test_chinese_headline_words_that_only_begin_with_a_term(lexicons):
    # 战略 (strategy), 战队 (a team): no tech or trade war; 中美 is 2 characters
    assert hits(lexicons, "中欧科技战队", "export_controls") == []
    assert hits(lexicons, "国家科技战略", "export_controls") == []
    assert hits(lexicons, "中美科技战升级", "export_controls") == [("科技战", 2, 5)]
    assert hits(lexicons, "美国贸易战略调整", "tariffs") == []
    assert hits(lexicons, "中美贸易战升级", "tariffs") == [("贸易战", 2, 5)]
    # a market report's "industrial chain" is a sector or its shares; the chain itself (beside 稳定,
    # 供应链, 上下游 ...) still counts
    assert hits(lexicons, "半导体产业链集体走强", "supply_chains") == []
    assert hits(lexicons, "锂电产业链业绩大增", "supply_chains") == []
    assert hits(lexicons, "稳定产业链供应链", "supply_chains") == [("产业链", 2, 5), ("供应链", 5, 8)]
    assert hits(lexicons, "打通产业链上下游", "supply_chains") == [("产业链", 2, 5)]
    # 持股市值 is a holding's market value, 归属于上市公司股东 a profit line
    assert hits(lexicons, "外资持股市值超百亿", "capital_markets") == []
    assert hits(lexicons, "归属于上市公司股东的净利润", "capital_markets") == []


def test_chinese_market_headlines_count_as_capital_markets(lexicons):
    # exchanges, boards and markets by their Chinese names, and exchange-traded funds
    # the market close's review (收评, 2) counts too since after5
    assert hits(lexicons, "港股收评：恒指涨1%", "capital_markets") == [("港股", 0, 2), ("收评", 2, 4), ("恒指", 5, 7)]
    assert hits(lexicons, "港交所递表", "capital_markets") == [("港交所", 0, 3)]
    assert hits(lexicons, "科创芯片ETF涨2%", "capital_markets") == [("ETF", 4, 7)]
    assert hits(lexicons, "A股上市公司", "capital_markets") == [("A股", 0, 2), ("上市公司", 2, 6)]
    # the carmakers and chipmakers by their Chinese names, as in English; 何小鹏 is XPeng's founder
    assert hits(lexicons, "比亚迪销量大涨", "ev") == [("比亚迪", 0, 3)]
    assert hits(lexicons, "何小鹏：小鹏汽车出海", "ev") == [("小鹏", 4, 6)]
    assert hits(lexicons, "台积电扩产", "ai_chips") == [("台积电", 0, 3)]


def test_names_inside_longer_names_are_not_the_place(lexicons):
    # after4, exports' even half: ACM Research (Shanghai) is listed as 盛美上海; 闻泰科技在 is 5 characters
    assert hits(lexicons, "盛美上海涨3%", "Shanghai") == []
    assert hits(lexicons, "东方证券与上海证券合并", "Shanghai") == []
    assert hits(lexicons, "闻泰科技在上海成立公司", "Shanghai") == [("上海", 5, 7)]
    # the airline, a section label, a sea; "Air India flight lands in " is 26 characters
    assert hits(lexicons, "Air India flight lands in India.", "India") == [("India", 26, 31)]
    assert hits(lexicons, "India News | Delhi HC issues notice", "India") == []
    assert hits(lexicons, "Tensions in the South China Sea rise for China.", "China") == [("China", 41, 46)]


def test_ai_companies_and_models_by_name_are_ai(lexicons):
    # after5, exports' even half: OpenAI (0), its GPT-5.4 (15), Anthropic (26) are no longer missed
    text = "OpenAI unveils GPT-5.4 as Anthropic waits."
    assert hits(lexicons, text, "ai") == [("OpenAI", 0, 6), ("GPT-5.4", 15, 22), ("Anthropic", 26, 35)]
    # Claude and Gemini count beside their makers or AI only, not a painter or a star sign
    assert hits(lexicons, "Anthropic's Claude writes code.", "ai") == [("Anthropic's", 0, 11), ("Claude", 12, 18)]
    assert hits(lexicons, "Claude Monet painted water lilies.", "ai") == []
    assert hits(lexicons, "Gemini is a star sign.", "ai") == []
    assert hits(lexicons, "智谱跌超8%", "ai") == [("智谱", 0, 2)]


def test_chip_firms_by_name_are_ai_chips_and_their_share_prices_capital_markets(lexicons):
    # a sina_finance share-price headline: the firm (0) and its turnover (11) beside its rise
    text = "海光信息涨5.04%，成交额70.29亿元"
    assert hits(lexicons, text, "ai_chips") == [("海光信息", 0, 4)]
    assert hits(lexicons, text, "capital_markets") == [("成交额", 11, 14)]
    # a trade fair's turnover is no share's
    assert hits(lexicons, "广交会成交额创新高", "capital_markets") == []
    assert hits(lexicons, "Nvidia shares jump 5%.", "ai_chips") == [("Nvidia", 0, 6)]
    assert hits(lexicons, "Nvidia shares jump 5%.", "capital_markets") == [("shares jump", 7, 18)]
    # Nvidia's cloud gaming service, and intelligence ("intel") in lower case, are no chips
    assert hits(lexicons, "Nvidia GeForce Now launches in India.", "ai_chips") == []
    assert hits(lexicons, "The intel was wrong.", "ai_chips") == []
    # 兆易创新股东 is 兆易创新 (a chip firm) + 股东 (shareholders), no new shares (新股)
    assert hits(lexicons, "兆易创新股东大会召开", "capital_markets") == []
    assert hits(lexicons, "兆易创新股东大会召开", "ai_chips") == [("兆易创新", 0, 4)]


def test_electric_two_wheelers_and_fta_by_their_names(lexicons):
    text = "Electric two-wheeler sales rise; e-scooter dealers grow."
    assert hits(lexicons, text, "ev") == [("Electric two-wheeler", 0, 20), ("e-scooter", 33, 42)]
    assert hits(lexicons, "零跑D19上市", "ev") == [("零跑", 0, 2)]
    assert hits(lexicons, "India and New Zealand sign an FTA.", "tariffs") == [("FTA", 30, 33)]
    assert hits(lexicons, "印新自贸协定落地", "tariffs") == [("自贸协定", 2, 6)]


def test_market_words_of_chinese_headlines_and_the_themes_they_touch(lexicons):
    # a buyback of shares (4) is the market's; a buyback of old computers is not
    assert hits(lexicons, "歌尔股份回购4420万股", "capital_markets") == [("回购", 4, 6)]
    assert hits(lexicons, "旧电脑回购计划", "capital_markets") == []
    # memory chips' sector is not named by 存储概念, so concept shares (4) stay the market's
    assert hits(lexicons, "港股存储概念股走强", "capital_markets") == [("港股", 0, 2), ("概念股", 4, 7)]
    assert hits(lexicons, "港股存储概念股走强", "ai_chips") == []
    assert hits(lexicons, "存储涨价潮持续", "ai_chips") == [("存储涨价", 0, 4)]
    assert hits(lexicons, "固态电池量产", "ev") == [("固态电池", 0, 4)]
    assert hits(lexicons, "宁德时代拟投资300亿布局新能源矿产", "supply_chains") == [("新能源矿产", 13, 18)]
    assert hits(lexicons, "The EU's Carbon Border Tax bites.", "tariffs") == [("Carbon Border Tax", 9, 26)]


def test_places_inside_the_names_of_firms_institutions_and_wars(lexicons):
    # after5, exports' even half: a magazine, a firm's Indian arm, an alliance
    assert hits(lexicons, "Autocar India News Desk", "India") == []
    text = "Mercedes-Benz India reports record sales in India."
    assert hits(lexicons, text, "India") == [("India", 44, 49)]
    assert hits(lexicons, "BRICS Entrepreneurial Alliance India met.", "India") == []
    # the war and its veterans (2, 26) are no country; trading with it (54) is
    text = "A Vietnam War medal for a Vietnam veteran; trade with Vietnam grows."
    assert hits(lexicons, text, "Vietnam") == [("Vietnam", 54, 61)]
    assert hits(lexicons, "The Council of Europe met in Europe.", "Europe") == [("Europe", 29, 35)]
    assert hits(lexicons, "比亚迪申请加入欧洲汽车制造商协会", "Europe") == []


# --- the shared trade-war corpus ---------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.shared
def test_headquarters_moved_landed_or_leased_and_places_of_business_that_are_no_base(lexicons):
    key = "hq_relocation"
    # four words between the move and the headquarters (16), but not a move to someone's
    text = "Huawei had just moved its United States research headquarters here."
    assert hits(lexicons, text, key) == [("moved its United States research headquarters", 16, 61)]
    assert hits(lexicons, "Protesters moved to the headquarters.", key) == []
    # firms relocating abroad (25), not their factories; each needs a firm in the sentence
    assert hits(lexicons, "It deters companies from relocating overseas to cut taxes.", key) == [
        ("relocating overseas", 25, 44)
    ]
    assert hits(lexicons, "Makers are relocating production overseas.", key) == []
    assert hits(lexicons, "The troops are relocating overseas.", key) == []
    # a headquarters landing (6) or a headquarters project (9); not the government's offices
    assert hits(lexicons, "时代骐骥泰州总部落地靖江", key) == [("总部落地", 6, 10)]
    assert hits(lexicons, "又一半导体装备生产总部项目落地无锡", key) == [("总部项目", 9, 13)]
    assert hits(lexicons, "示威者在政府總部外集結", key) == []
    # a firm leasing offices (7); a region's hub a firm opens (9); not a place that is a hub
    text = "NVIDIA leases 7.6 lakh sq ft Bengaluru office in a deal"
    assert hits(lexicons, text, key) == [("leases 7.6 lakh sq ft Bengaluru office", 7, 45)]
    text = "HEINEKEN opens first Asia Pacific Business Services Hub in Hyderabad"
    assert hits(lexicons, text, key) == [("opens first Asia Pacific Business Services Hub", 9, 55)]
    assert hits(lexicons, "Singapore stakes claim as regional hub contender", key) == []
    assert hits(lexicons, "India aims to become a global manufacturing hub", key) == []
    # a family office hub is a place's line of business, in English and in Chinese (either script)
    assert hits(lexicons, "Hong Kong wants to be a family office hub.", key) == []
    assert hits(lexicons, "增強香港作為家族辦公室業務樞紐的吸引力", key) == []
    assert hits(lexicons, "吸引家族辦公室落戶香港", key) == [("家族辦公室", 2, 7), ("落戶香港", 7, 11)]


def test_usa_today_is_a_newspaper_not_the_country(lexicons):
    # "USA TODAY" (0) and "USA Today" (27) are the paper; "USA" in "the USA" (53) is the country
    text = "USA TODAY Sportsbook Wire. USA Today reported on the USA."
    assert hits(lexicons, text, "United States") == [("USA", 53, 56)]


def test_the_latest_samples_are_hits_of_the_bundled_lexicons():
    # the judged after2 and after3 hits (data/audits/hits.csv) are the current lexicons' hits on
    # trade-war, so their figures describe this tagging; an edit that drops one calls for a new sample
    corpus = hk.load_corpus(shared_corpus("trade-war"), manifest=paths.DATA / "manifests" / "trade-war.csv")
    judged = audit.read_audit(audit.BUNDLED_HITS)
    judged = judged.loc[judged["corpus"] == "trade-war"]
    mentions = corpus.mentions
    found = set(zip(mentions["key"], mentions["article_id"], mentions["start"], mentions["end"]))
    for version, keys, size in (
        ("after2", ["supply_chains", "US government"], 30 + 15),
        ("after3", ["hq_relocation", "mainland_integration"], 7 + 4),  # all their hits
        ("after3", ["export_controls", "ai_chips", "capital_markets"], 25 + 19 + 30),  # all, all, 30 of 62
    ):
        rows = judged.loc[(judged["version"] == version) & judged["key"].isin(keys)]
        assert len(rows) == size
        assert all(row in found for row in zip(rows["key"], rows["article_id"], rows["start"], rows["end"]))
    # after2's two CEPA hits were Macao's CEPA (its "SAR government" taken for Hong Kong's): now untagged
    cepa = judged.loc[(judged["version"] == "after2") & (judged["term"] == "CEPA")]
    assert len(cepa) == 2 and not any(
        row in found for row in zip(cepa["key"], cepa["article_id"], cepa["start"], cepa["end"])
    )
    # after6 judged every held-out hq_relocation hit: they are today's, all of them
    sixth = judged.loc[judged["version"] == "after6"]
    held_out = mentions["article_id"].map(lambda a: int(a[1:], 16) % 2 == 1)
    odd = mentions.loc[(mentions["key"] == "hq_relocation") & held_out]
    spans = ["article_id", "start", "end"]
    assert set(sixth[spans].itertuples(index=False, name=None)) == set(odd[spans].itertuples(index=False, name=None))
    assert len(sixth) == 8
    # no White House hit in the corpus is "a meeting at the White House" or "a reporter at the White House"
    texts = corpus.articles.set_index("article_id")["text"]
    white = mentions.loc[(mentions["key"] == "US government") & (mentions["term"] == "White House")]
    before = [texts[a][max(0, s - 20) : s] for a, s in zip(white["article_id"], white["start"])]
    assert len(white) > 100
    assert not any(b.endswith(("meeting at the ", "reporter at the ", "said at the ")) for b in before)


@pytest.mark.slow
@pytest.mark.shared
def test_the_after4_and_after5_samples_are_hits_of_the_bundled_lexicons_on_exports():
    # the after4 round judged hits of today's lexicons on the exports corpus's held-out half: every
    # theme (30 each, all of the rarer ones) and 15 actors (15 each), 424 hits; an edit that drops
    # one calls for a new sample
    corpus = hk.load_corpus(shared_corpus("exports"))
    every = audit.read_audit(audit.BUNDLED_HITS)
    judged = every.loc[(every["corpus"] == "exports") & (every["version"] == "after4")]
    assert len(judged) == 6 * 30 + 13 + 4 + 2 + 15 * 15 == 424  # export_controls, hq_relocation, mainland: all
    mentions = corpus.mentions
    found = set(zip(mentions["key"], mentions["article_id"], mentions["start"], mentions["end"]))
    gone = {
        (key, article, start)
        for key, article, start, end in zip(judged["key"], judged["article_id"], judged["start"], judged["end"])
        if (key, article, start, end) not in found
    }
    # after5's edits left out five of them, all judged false (Alliance India, Autocar India, a Vietnam
    # War medal, the Council of Europe, ACEA), read two as the longer "Free Trade Agreement" (21, 190)
    # ("India European Union Free Trade Agreement"); one "AI" was already read as part of "AI芯片"
    # (ai_chips) before this round, on main too (A股AI芯片股集体走强)
    assert gone == {
        ("India", "af19726b50245", 78),
        ("India", "a04615fc23c0b", 75),
        ("Vietnam", "a4fdaca43dc53", 39),
        ("Europe", "a721b08494cbb", 4376),
        ("Europe", "ab77138f41709", 12),
        ("tariffs", "a3993780bd58b", 26),
        ("tariffs", "a3993780bd58b", 195),
        ("ai", "af03b368a039b", 2),
    }
    left_out = [
        (k, a, s) in gone and k in ("India", "Vietnam", "Europe")
        for k, a, s in zip(judged["key"], judged["article_id"], judged["start"])
    ]
    assert judged.loc[left_out, "verdict"].tolist() == [False] * 5
    # the after5 round (6 themes, 30 each; India, Europe, Vietnam, 15 each) judged today's hits
    fifth = every.loc[every["version"] == "after5"]
    assert len(fifth) == 225
    assert all(row in found for row in zip(fifth["key"], fifth["article_id"], fifth["start"], fifth["end"]))
