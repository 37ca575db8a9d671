//! Article boundaries and headline moves on invented pages.

use super::*;

fn run(text: &str) -> Document {
    let mut doc = Document::default();
    doc.set_text(text);
    crate::stages::reflow::reflow(&mut doc, &crate::stages::reflow::ReflowRules::ALL);
    split_articles(&mut doc, true, true);
    doc
}

fn articles(doc: &Document) -> Vec<Vec<&str>> {
    doc.articles()
        .into_iter()
        .map(|a| a.iter().map(|b| b.text.as_str()).collect())
        .collect()
}

const BODY: &str = "这是一段完整的正文，讲述了社区里发生的变化，居民们都表示满意。";
const BODY2: &str = "活动吸引了周边居民参加，现场气氛热烈，大家纷纷表示希望多办几次。";

#[test]
fn a_single_article_with_subheadings_is_not_split() {
    let text = format!("区里召开治理工作推进会\n\n{BODY}\n\n搭平台，把过程作为教材\n\n{BODY2}\n\n划重点，让做事的人讲故事\n\n{BODY}\n");
    let doc = run(&text);
    assert_eq!(doc.articles().len(), 1);
    assert!(doc.edits.iter().all(|e| e.stage != STAGE));
}

#[test]
fn ledes_open_articles() {
    let text = format!("党建引领产业集群 谱写发展新篇章\n\n本报讯（沈某）工业区成立三个产业集群党委，为企业搭建合作平台。\n\n{BODY}\n\n区领导来工业区看望好人代表\n\n本报讯（孙某）2月28日下午，区领导一行来工业区看望好人代表。\n\n{BODY2}\n");
    let doc = run(&text);
    let got = articles(&doc);
    assert_eq!(got.len(), 2);
    assert_eq!(got[1][0], "区领导来工业区看望好人代表");
    assert!(doc
        .render_text()
        .contains("。\n\n区领导来工业区看望好人代表\n"));
    // The page already has a blank line before the new article: nothing is inserted there,
    // so nothing is reported.
    assert!(
        doc.edits.iter().all(|e| e.code != "A101"),
        "{:?}",
        doc.edits
    );
    // Without the blank line the boundary is inserted, and reported.
    let tight = text.replace("\n\n", "\n");
    let doc = run(&tight);
    assert_eq!(articles(&doc).len(), 2);
    let split = doc.edits.iter().find(|e| e.code == "A101").unwrap();
    assert_eq!(split.action, Action::Split);
}

#[test]
fn a_blank_line_after_a_paragraph_of_a_single_newline_page_is_a_boundary() {
    // The output format: one paragraph per line, a blank line between articles, also when
    // the new article has no headline (its start was found from a byline debris removed).
    let text = format!("{BODY}\n{BODY2}\n{BODY}\n\n{BODY2}\n{BODY}\n");
    let doc = run(&text);
    assert_eq!(doc.render_text(), text);
    assert!(doc.edits.is_empty(), "{:?}", doc.edits);
    // Not after a short line: verse keeps its stanza breaks inside one article.
    let verse = "床前明月光\n疑是地上霜\n举头望明月\n\n低头思故乡\n春眠不觉晓\n处处闻啼鸟\n";
    assert_eq!(run(verse).articles().len(), 1);
}

#[test]
fn a_boundary_found_where_a_small_page_has_a_blank_line_is_not_reported() {
    // Too few paragraphs to tell the page's habit: the lede's boundary is still found, and
    // the blank line that is already there is not reported as inserted.
    let text =
        format!("{BODY}\n\n本报讯（沈某）工业区成立三个产业集群党委，为企业搭建合作平台。\n");
    let doc = run(&text);
    assert_eq!(doc.render_text(), text);
    assert!(doc.edits.is_empty(), "{:?}", doc.edits);
}

#[test]
fn a_byline_opens_an_article_and_a_truncated_paragraph_ends_one() {
    let text = format!("运河边的共享书房开门了\n\n本报记者 吴某\n\n{BODY}\n\n据介绍，今年还将在运河沿线再建设三家\n\n\n小区加装电梯“加速跑” 今年已开工两百余台\n\n本报记者 方某\n\n{BODY2}\n");
    let doc = run(&text);
    let got = articles(&doc);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].last(), Some(&"据介绍，今年还将在运河沿线再建设三家"));
    assert_eq!(got[1][0], "小区加装电梯“加速跑” 今年已开工两百余台");
}

#[test]
fn a_removed_byline_still_opens_an_article() {
    let text = format!(
        "第一篇文章的标题在这里\n\n{BODY}\n\n第二篇文章的标题 在这里\n\n本报记者 方某\n\n{BODY2}\n"
    );
    let mut doc = Document::default();
    doc.set_text(&text);
    let byline = doc.blocks.remove(3);
    doc.record(
        Edit::new("debris", &ARTICLE_BOUNDARY, Action::Remove, byline.lines).before(byline.text),
    );
    split_articles(&mut doc, true, true);
    assert_eq!(doc.articles().len(), 2);
    assert_eq!(doc.articles()[1][0].text, "第二篇文章的标题 在这里");
}

#[test]
fn a_headline_after_a_headless_articles_body_moves_to_its_start() {
    let text = format!("党建引领产业集群 谱写发展新篇章\n\n本报讯（沈某）工业区成立三个产业集群党委。\n\n{BODY}\n\n本报讯（张某）3月7日下午，区委书记来工业区社区开展大走访。\n\n{BODY2}\n\n以大走访促发展 以大排查保安全\n\n区领导来工业区看望好人代表\n\n本报讯（孙某）2月28日下午，区领导一行来工业区。\n");
    let doc = run(&text);
    let got = articles(&doc);
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[1][0], "以大走访促发展 以大排查保安全");
    assert!(got[1][1].starts_with("本报讯（张某）"));
    assert_eq!(got[2][0], "区领导来工业区看望好人代表");
    let moved = doc.edits.iter().find(|e| e.code == "A102").unwrap();
    assert_eq!(moved.action, Action::Move);
}

#[test]
fn a_kicker_and_title_stay_together() {
    let text = format!("党建引领产业集群 谱写发展新篇章\n\n本报讯（沈某）工业区成立三个产业集群党委。\n\n{BODY}\n\n解难题 促发展 保安全\n\n大走访、大排查\n\n本报讯（张某）2月15日下午，区政协主席来工业区开展走访。\n");
    let got_doc = run(&text);
    let got = articles(&got_doc);
    assert_eq!(got.len(), 2);
    assert_eq!(&got[1][..2], &["解难题 促发展 保安全", "大走访、大排查"]);
}

#[test]
fn a_headline_between_the_halves_of_a_paragraph_moves_to_its_article() {
    let text = "【本報專訊】深水埗一幢有七十年歷史的唐樓，日前以「社區客廳」的形式重新開放。地下設有\n\n唐樓活化成社區客廳 街坊有地方坐\n\n閱讀角和茶水間，樓上則用作興趣班課室。\n\n負責營運的社福機構表示，區內不少長者居於劏房，居住空間狹窄。\n";
    let doc = run(text);
    let got: Vec<_> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(got[0], "唐樓活化成社區客廳 街坊有地方坐");
    assert!(got[1].contains("地下設有閱讀角和茶水間"));
    assert_eq!(doc.articles().len(), 1);
}

#[test]
fn a_trailing_headline_group_moves_to_the_last_headless_article() {
    let text = format!("第一篇 文章的标题\n\n本报讯（李某）区里召开推进会。\n\n{BODY}\n\n本报讯（王某）街道开展了治理活动。\n\n{BODY2}\n\n丁香居民区以党建赋能基层治理——\n\n『红色业委会』让社区治理有温度\n");
    let doc = run(&text);
    let got = articles(&doc);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[1][0], "丁香居民区以党建赋能基层治理——");
    assert_eq!(got[1][1], "『红色业委会』让社区治理有温度");
    assert!(got[1][2].starts_with("本报讯（王某）"));
}

#[test]
fn a_closing_signature_on_a_one_article_page_stays_put() {
    let text = format!("{BODY}\n\n{BODY2}\n\n杭州市某某局\n\n2024年2月20日\n");
    let doc = run(&text);
    let got: Vec<_> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(got[2], "杭州市某某局");
    assert_eq!(doc.articles().len(), 1);
}

#[test]
fn english_wire_stories_are_split() {
    let text = "Markets rally\n\nLONDON (Reuters) - Shares rose on Monday as investors returned.\n\nAnalysts expect more gains this week.\n\nRain delays harvest\n\nPARIS (Reuters) - Farmers said the wet spring delayed the harvest.\n";
    let doc = run(text);
    let got = articles(&doc);
    assert_eq!(got.len(), 2);
    assert_eq!(got[1][0], "Rain delays harvest");
}

#[test]
fn splitting_twice_changes_nothing() {
    let text = format!("党建引领产业集群 谱写发展新篇章\n\n本报讯（沈某）工业区成立三个产业集群党委。\n\n{BODY}\n\n本报讯（张某）3月7日下午，区委书记来工业区社区开展大走访。\n\n{BODY2}\n\n以大走访促发展 以大排查保安全\n\n区领导来工业区看望好人代表\n\n本报讯（孙某）2月28日下午，区领导一行来工业区。\n");
    let mut doc = run(&text);
    let once = doc.render_text();
    let edits = doc.edits.len();
    split_articles(&mut doc, true, true);
    assert_eq!(doc.render_text(), once);
    assert_eq!(doc.edits.len(), edits);
}

#[test]
fn navigation_above_the_first_paragraph_does_not_open_an_article() {
    let text = format!("• banner.png\n• 首页 > 基层党建\n看新虹街道如何探索枢纽党建新模式\n发表时间：2021-11-11 来源：解放日报\n{BODY}\n把握区域治理“关键点”，长租公寓党建夯实“点”的发散力\n{BODY2}\n抓住区域发展“中轴线”，产业链党建夯实“线”的联结力\n{BODY}\n");
    let doc = run(&text);
    assert_eq!(doc.articles().len(), 1, "{}", doc.render_text());
}

#[test]
fn boundaries_in_the_output_format_are_kept_and_not_reported_again() {
    let first = run(&format!("党建引领产业集群 谱写发展新篇章\n\n本报讯（沈某）工业区成立三个产业集群党委。\n\n{BODY}\n\n本报讯（张某）3月7日下午，区委书记来工业区社区开展大走访。\n\n{BODY2}\n\n以大走访促发展 以大排查保安全\n\n区领导来工业区看望好人代表\n\n本报讯（孙某）2月28日下午，区领导一行来工业区。\n"));
    let output = first.render_text();
    let again = run(&output);
    assert_eq!(again.render_text(), output);
    // A truncated last paragraph before the boundary.
    let cut = format!("第一篇的标题在这里\n{BODY}\n据介绍，今年还将在运河沿线再建设三家\n\n小区加装电梯“加速跑” 今年已开工两百余台\n{BODY2}\n");
    let again = run(&cut);
    assert_eq!(again.render_text(), cut);
    let again = run(&output);
    assert_eq!(again.render_text(), output);
    assert!(again.edits.is_empty(), "{:?}", again.edits);
    // A single-newline page with no blank line is not split by this rule.
    let plain = run(&format!("{BODY}\n{BODY2}\n{BODY}\n"));
    assert_eq!(plain.articles().len(), 1);
}

#[test]
fn stanza_breaks_of_a_poem_are_not_article_boundaries() {
    let text = "The Lantern\n\nI carried a lantern down to the shore,\nthe wind was cold and the night was long,\nI waited for a boat that came no more,\nand sang to the dark an old sea song.\n\nThe water answered, soft and low,\nwith the voice of those who went before,\nand told me what I did not know,\nthat they were waiting on the other shore.\n";
    let doc = run(text);
    assert_eq!(doc.articles().len(), 1, "{}", doc.render_text());
    assert_eq!(doc.blocks.len(), 9);
}

#[test]
fn a_headline_longer_than_the_pages_subheadings_opens_an_article() {
    let sub = |s: &str| format!("{s} 让流动党员更有家");
    let text = format!(
        "第一篇 文章的标题\n\n本报记者 李某\n\n{BODY}\n\n{}\n\n{BODY2}\n\n{}\n\n{BODY}\n\n从“十难”到“十步法” 松江党建引领电梯更新全流程破题\n\n{BODY2}\n\n{}\n\n{BODY}\n\n本报记者 王某\n\n{BODY2}\n",
        sub("聚焦动态管理"),
        sub("重视学习教育"),
        sub("发挥先锋作用")
    );
    let doc = run(&text);
    let got = articles(&doc);
    assert_eq!(got.len(), 3, "{}", doc.render_text());
    assert_eq!(
        got[1][0],
        "从“十难”到“十步法” 松江党建引领电梯更新全流程破题"
    );
}

#[test]
fn long_subheadings_of_a_one_article_page_are_not_headlines() {
    let text = format!("区里召开治理工作推进会\n\n{BODY}\n\n从“十难”到“十步法” 松江党建引领电梯更新全流程破题\n\n{BODY2}\n\n从“一人”到“一群人” 社区志愿服务队伍不断壮大\n\n{BODY}\n");
    assert_eq!(run(&text).articles().len(), 1);
}

#[test]
fn the_only_heading_after_a_lede_article_opens_the_next_article() {
    let text = format!("党建引领产业集群 谱写发展新篇章\n\n本报讯（沈某）工业区成立三个产业集群党委。\n\n{BODY}\n\n本报讯（张某）2月15日下午，区政协主席来工业区开展走访。\n\n{BODY2}\n\n网格四员齐发力 社区治理更精细\n\n“俞书记，配电房漏雨了，怎么办呀。”正月初三一大早，网格员就打来电话。\n\n{BODY}\n");
    let doc = run(&text);
    let got = articles(&doc);
    assert_eq!(got.len(), 3, "{}", doc.render_text());
    assert_eq!(got[2][0], "网格四员齐发力 社区治理更精细");
}

#[test]
fn subheadings_inside_a_lede_article_are_not_headlines() {
    let text = format!("党建引领产业集群 谱写发展新篇章\n\n本报讯（沈某）工业区成立三个产业集群党委。\n\n{BODY}\n\n本报讯（张某）2月15日下午，区政协主席来工业区开展走访。\n\n组织联合 提升合力\n\n{BODY2}\n\n服务联盟 提升动力\n\n{BODY}\n");
    let doc = run(&text);
    assert_eq!(doc.articles().len(), 2, "{}", doc.render_text());
}
