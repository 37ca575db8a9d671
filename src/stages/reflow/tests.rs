//! Join / no-join decisions on invented pages (Simplified and Traditional Chinese, English).

use super::*;

fn run(text: &str) -> Document {
    let mut doc = Document::default();
    doc.set_text(text);
    reflow(&mut doc, &ReflowRules::ALL);
    doc
}

fn paras(text: &str) -> Vec<String> {
    run(text).blocks.into_iter().map(|b| b.text).collect()
}

const BODY_ZH: &str = "这是一段完整的正文，讲述了社区里发生的变化，居民们都表示满意。";
const BODY_EN: &str = "The council said on Tuesday that the new library would open in the spring, after two years of delays.";

// --- column breaks -------------------------------------------------------------------

#[test]
fn chinese_halves_are_concatenated() {
    let text = format!("{BODY_ZH}\n\n居委会干部介绍，小区将在明年完成全部改造，预计投入资金三千万元，主要用于\n\n道路和管网，届时居民出行会更加方便。\n");
    assert_eq!(
        paras(&text),
        vec![
            BODY_ZH.to_string(),
            "居委会干部介绍，小区将在明年完成全部改造，预计投入资金三千万元，主要用于道路和管网，届时居民出行会更加方便。".to_string()
        ]
    );
    let doc = run(&text);
    let join = doc.edits.iter().find(|e| e.action == Action::Join).unwrap();
    assert_eq!(join.code, "J101");
    assert_eq!((join.lines.start, join.lines.end), (3, 5));
    assert_eq!(doc.blocks[1].lines, join.lines);
}

#[test]
fn traditional_chinese_halves_are_concatenated() {
    let text = "勞動部官員指出，現行規定由地方政府依雨量及風力決定是否停班，但不少勞工居住地與\n\n工作地分屬不同縣市。\n";
    assert_eq!(
        paras(text),
        vec!["勞動部官員指出，現行規定由地方政府依雨量及風力決定是否停班，但不少勞工居住地與工作地分屬不同縣市。"]
    );
}

#[test]
fn english_halves_are_joined_with_a_space() {
    let text = "Residents told the meeting that the bus service had been cut twice this year and that\n\nolder people were now stuck at home.\n";
    assert_eq!(
        paras(text),
        vec!["Residents told the meeting that the bus service had been cut twice this year and that older people were now stuck at home."]
    );
}

#[test]
fn a_short_clause_like_first_half_without_other_evidence_stays_apart() {
    // Built like a clause-style sub-heading: without a sign that the next block goes on
    // with it, the page's structure wins over the missing full stop.
    let text = format!("{BODY_ZH}\n\n居委会干部介绍，小区将在明年完成全部改造\n\n今年以来，街道已经完成了三个小区的管网更新，居民反映良好。\n");
    assert_eq!(paras(&text).len(), 3);
}

#[test]
fn finished_sentences_are_not_joined() {
    let text = format!("{BODY_ZH}\n\n{BODY_ZH}\n\n{BODY_EN}\n\n{BODY_EN}\n");
    assert_eq!(paras(&text).len(), 4);
}

#[test]
fn a_break_inside_a_quotation_is_joined() {
    let text = "他说，推动从“解决一件\n\n事”到“解决一类事”转变。\n";
    assert_eq!(
        paras(text),
        vec!["他说，推动从“解决一件事”到“解决一类事”转变。"]
    );
}

// --- headings ------------------------------------------------------------------------

#[test]
fn a_headline_is_not_joined_to_its_body() {
    for head in [
        "以大走访促发展 以大排查保安全",
        "老街的最后一个冬天",
        "城市更新社區治理師項目",
    ] {
        let text = format!("{head}\n\n{BODY_ZH}\n");
        assert_eq!(paras(&text).len(), 2, "{head}");
    }
    let text = format!("Still the River Runs\n\n{BODY_EN}\n");
    assert_eq!(paras(&text).len(), 2);
}

#[test]
fn a_clause_like_subheading_is_not_joined_to_a_full_paragraph() {
    let text = format!("{BODY_ZH}\n\n搭平台，把破题过程作为治理教材\n\n“到底是修还是换？”区房管局的科长现场解读了管理办法，居民们听得很认真。\n");
    assert_eq!(paras(&text).len(), 3);
    let text = format!("{BODY_ZH}\n楼宇党建，图书馆牵头办起暑托班\n陆家嘴金融城面积很大，集聚着四万多家企业和五十多万从业人员，是上海最重要的商务区之一。\n");
    assert_eq!(paras(&text).len(), 3);
}

#[test]
fn a_clause_after_a_subheading_is_a_broken_first_half() {
    let text = format!("{BODY_ZH}\n\n数字技术破圈突围 金融活水浇灌产业沃土\n\n在科技影都元宇宙创制基地，XR虚拟棚中\n\n实时渲染的科幻场景令人目不暇接，观众们纷纷拍照留念。\n");
    let got = paras(&text);
    assert_eq!(got.len(), 3);
    assert!(got[2].starts_with("在科技影都") && got[2].ends_with("拍照留念。"));
}

#[test]
fn a_very_short_first_sentence_continues_the_cut_clause() {
    let text = format!("{BODY_ZH}\n\n风险隐患“守门员”，筑牢安全稳\n\n定“防护墙”。安全生产、综合治理等工作事关居民生命财产安全，必须守牢。\n");
    assert_eq!(paras(&text).len(), 2);
}

#[test]
fn split_subheading_after_a_comma_is_joined() {
    let text = format!(
        "{BODY_ZH}\n\n把握区域治理“关键点”，\n\n长租公寓党建夯实“点”的发散力\n\n{BODY_ZH}\n"
    );
    let doc = run(&text);
    let got: Vec<_> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(got[1], "把握区域治理“关键点”，长租公寓党建夯实“点”的发散力");
    assert_eq!(got.len(), 3);
    assert!(doc.edits.iter().any(|e| e.code == "J105"));
}

#[test]
fn verse_lines_ending_in_commas_are_not_joined() {
    let text = "静夜思\n\n床前明月光，\n\n疑是地上霜。\n\n举头望明月，\n\n低头思故乡。\n";
    assert_eq!(paras(text).len(), 5);
    let text = "The mill has closed its wooden doors\n\nthe wheel is green with moss\n\nStill the river runs\n\nMy father's hands were rough as bark\n\nhe taught me how to cross\n";
    assert_eq!(paras(text).len(), 5);
}

// --- interposed lines ----------------------------------------------------------------

#[test]
fn a_break_around_a_headline_and_a_credit_is_joined() {
    let text = format!("{BODY_ZH}\n\n同时，鼓励各新兴领域党组织开展流动党员关\n\n河湾镇破解流动党员管理难题 从“无序流动”到“有为先锋”\n\n受访者供图\n\n心关爱活动，开展新春“暖流动”等活动。\n");
    let doc = run(&text);
    let got: Vec<_> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        got,
        vec![
            BODY_ZH,
            "同时，鼓励各新兴领域党组织开展流动党员关心关爱活动，开展新春“暖流动”等活动。",
            "河湾镇破解流动党员管理难题 从“无序流动”到“有为先锋”",
            "受访者供图",
        ]
    );
    let join = doc.edits.iter().find(|e| e.action == Action::Join).unwrap();
    assert_eq!(join.code, "J103");
    assert_eq!((join.lines.start, join.lines.end), (3, 9));
}

#[test]
fn a_break_around_an_ad_is_joined_in_english() {
    let text = "\"We are seeing customers come back,\" she said. \"But many of our members are still cautious\n\nAdvertisement\n\nContinue reading the main story\n\nabout hiring until they see a clearer picture.\"\n";
    let got = paras(text);
    assert_eq!(got.len(), 3);
    assert!(got[0].ends_with("still cautious about hiring until they see a clearer picture.\""));
}

#[test]
fn a_caption_followed_by_a_credit_is_looked_past() {
    let text = "【本報專訊】深水埗一幢有七十年歷史的唐樓，日前以「社區客廳」的形式重新開放。地下設有\n\n唐樓活化成社區客廳 街坊有地方坐\n\n活化後的唐樓地下設有閱讀角。\n\n（李某攝）\n\n閱讀角和茶水間，樓上則用作興趣班課室。\n";
    let got = paras(text);
    assert!(
        got[0].ends_with("地下設有閱讀角和茶水間，樓上則用作興趣班課室。"),
        "{got:?}"
    );
}

#[test]
fn nothing_is_joined_across_a_byline() {
    let text = format!("{BODY_ZH}\n\n据介绍，今年区里还将在运河沿线再建设三家\n\n小区加装电梯“加速跑” 今年已开工两百余台\n\n本报记者 方某\n\n今年以来，我市既有住宅加装电梯工作持续提速，完工一百三十余台。\n");
    assert_eq!(paras(&text).len(), 5);
}

#[test]
fn nothing_is_joined_across_a_removed_byline() {
    let text = format!("{BODY_ZH}\n\n据介绍，今年区里还将在运河沿线再建设三家\n\n小区加装电梯“加速跑” 今年已开工两百余台\n\n本报记者 方某\n\n今年以来，我市既有住宅加装电梯工作持续提速，完工一百三十余台。\n");
    let mut doc = Document::default();
    doc.set_text(&text);
    let byline = doc.blocks.remove(3);
    doc.record(
        Edit::new("debris", &COLUMN_BREAK, Action::Remove, byline.lines).before(byline.text),
    );
    reflow(&mut doc, &ReflowRules::ALL);
    assert_eq!(doc.blocks.len(), 4);
}

#[test]
fn a_lede_is_never_a_second_half() {
    let text = format!("{BODY_ZH}\n\n区委常委来工业区看望好人代表并座谈交流，\n\n本报讯（记者 张某）2月28日下午，区委常委一行来到工业区。\n");
    assert_eq!(paras(&text).len(), 3);
}

#[test]
fn a_truncated_copy_is_not_joined_to_the_next_paragraph() {
    let full = "业内人士分析，公积金政策调整有助于降低购房者的资金压力，释放改善性住房需求。";
    let text = format!("{full}\n\n业内人士分析，公积金政策调整有助于降低购房者的资金压力，释放\n\n中指研究院监测数据显示，五月以来重点城市新房成交面积环比回升。\n");
    assert_eq!(paras(&text).len(), 3);
}

#[test]
fn halves_of_a_paragraph_copied_whole_later_are_joined() {
    let first = "业内人士分析，公积金政策调整有助于降低购房者的资金压力，释放";
    let second = "改善性住房需求。";
    let text = format!("{first}\n\n{second}\n\n{first}{second}\n");
    let out = paras(&text);
    assert_eq!(out.len(), 2);
    assert_eq!(out[0], format!("{first}{second}"));
    let first = "Officials said the new bridge would carry two lanes of traffic and a";
    let second = "wide path for cyclists when it opens next spring.";
    let text = format!("{first}\n\n{second}\n\n{first} {second}\n");
    assert_eq!(paras(&text).len(), 2);
    // A cut copy followed by another paragraph still stays apart (see above).
}

#[test]
fn an_english_headline_is_not_joined_past_a_broken_first_paragraph() {
    let text = "Riverside library reopens after repairs\nIn Riverside, readers queued outside the doors for the first time in a\nyear. The council said the work had cost less than planned and finished early.\n";
    let out = paras(text);
    assert_eq!(out.len(), 2, "{out:?}");
    assert_eq!(out[0], "Riverside library reopens after repairs");
    assert!(out[1].starts_with("In Riverside") && out[1].contains("time in a year."));
}

// --- lists and tables ----------------------------------------------------------------

#[test]
fn list_items_are_not_joined() {
    let text = "行程如下\nDay1 成都—都江堰—四姑娘山镇\nDay2 双桥沟一日游\nDay3 四姑娘山镇—丹巴\n几点经验：一是天气变化很快，要带厚衣服。\n";
    assert_eq!(paras(text).len(), 5);
    let text = format!("{BODY_ZH}\n一、补贴对象为本市参保企业\n二、补贴标准按上年度缴费计算\n");
    assert_eq!(paras(&text).len(), 3);
}

#[test]
fn table_rows_are_not_joined() {
    let text = "受理点 地址 咨询电话\n\n上城区 解放东路18号 0571-87011234\n\n拱墅区 湖墅南路166号 0571-88302211\n";
    assert_eq!(paras(text).len(), 3);
}

// --- hyphens -------------------------------------------------------------------------

#[test]
fn a_hyphenated_word_is_rejoined_without_the_hyphen() {
    let text = "Higher energy and labour costs were still squeezing margins across the manufac-\n\nturing sector.\n";
    let doc = run(text);
    assert_eq!(doc.blocks[0].text, "Higher energy and labour costs were still squeezing margins across the manufacturing sector.");
    assert_eq!(doc.edits[0].code, "J102");
}

#[test]
fn a_real_compound_keeps_its_hyphen() {
    let text = "The report was written by a team of researchers who are well-\n\nknown for their work on housing.\n";
    assert_eq!(paras(text), vec!["The report was written by a team of researchers who are well-known for their work on housing."]);
    let text = "Prices rose sharply from early March to the middle of the year, until mid-\n\nsummer when they fell.\n";
    assert!(paras(text)[0].contains("mid-summer"));
}

// --- hard wraps ----------------------------------------------------------------------

#[test]
fn ptt_hard_wraps_are_unwrapped() {
    let text = "颱風季節來臨，各縣市停班停課的標準屢屢引發討論。勞動部今天表示，\n將邀集專家學者及勞資團體研議，把勞工通勤途中的風險納入\n評估，預計年底前提出修正草案。\n\n勞動部強調，雇主不得因勞工在颱風天未出勤而扣發全勤獎金或\n視為曠工，違者最高可處一百萬元罰鍰。\n";
    let got = paras(text);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got[0].ends_with("預計年底前提出修正草案。"));
}

#[test]
fn fixed_width_english_is_unwrapped() {
    let text = "The committee met on Monday to discuss the proposal for a new\nfootbridge over the river. Members agreed that the current crossing\nis unsafe. A decision on funding will be taken next month after a\npublic consultation.\n\nLocal residents have campaigned for the bridge for more than ten\nyears. They say the detour adds twenty minutes to every journey.\n";
    let got = paras(text);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got[0].contains("crossing is unsafe. A decision"));
    assert!(run(text).edits.iter().any(|e| e.code == "J104"));
}

#[test]
fn short_verse_stanzas_in_blocks_are_not_unwrapped() {
    let text = "等一场雨落在青瓦上\n等乌篷船摇过石桥\n等桂花开满整条巷子\n\n我在江南等你\n\n等茶从山上走下来\n等蚕豆在灶头煮熟\n";
    assert_eq!(paras(text).len(), 6);
}

// --- rules and idempotence -----------------------------------------------------------

#[test]
fn disabled_rules_do_not_join() {
    let text = format!("{BODY_ZH}\n\n居委会干部介绍，小区将在明年完成全部改造，预计投入资金三千万元，主要用于\n\n道路和管网，届时居民出行会更加方便。\n");
    let mut doc = Document::default();
    doc.set_text(&text);
    let rules = ReflowRules {
        column_break: false,
        ..ReflowRules::ALL
    };
    reflow(&mut doc, &rules);
    assert_eq!(doc.blocks.len(), 3);
    assert!(doc.edits.is_empty());
}

#[test]
fn running_twice_changes_nothing_more() {
    let text = format!("{BODY_ZH}\n\n把握区域治理“关键点”，\n\n长租公寓党建夯实“点”的发散力\n\n在虹桥商务区，各类人才需求旺盛，\n\n长租公寓也逐渐发展壮大。\n");
    let mut doc = run(&text);
    let once = doc.blocks.clone();
    reflow(&mut doc, &ReflowRules::ALL);
    assert_eq!(doc.blocks, once);
}

#[test]
fn a_title_under_a_short_tool_line_is_not_a_broken_half() {
    let text = "[复制链接]\n五一川西小环线自驾，五天四晚行程分享\n五一假期和老婆开车跑了一趟川西小环线，整体体验很好，把行程分享给大家。\n";
    assert_eq!(paras(text).len(), 3);
}

#[test]
fn fixed_width_text_without_blank_lines_is_unwrapped_at_full_lines_only() {
    let text = "The committee met on Monday to discuss the proposal for a new footbridge\nover the river, and members agreed that the current crossing is unsafe\nfor children and older people who walk to the market every morning.\nA decision will follow.\nLocal residents have campaigned for the bridge for more than ten years\nbecause the detour adds twenty minutes to every journey into the town.\n";
    let got = paras(text);
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(
        got[0].ends_with("every morning. A decision will follow.")
            || got[0].ends_with("every morning."),
        "{got:?}"
    );
}

#[test]
fn fixed_width_chinese_continues_after_a_full_stop_at_the_margin() {
    let line = |s: &str| s.chars().cycle().take(30).collect::<String>();
    let text = format!(
        "{}\n{}。\n{}\n短的结尾。\n{}\n{}\n第二段的结尾。\n",
        line("天气晴朗街道整洁居民满意"),
        line("社区开展活动邻里和睦相处")
            .chars()
            .take(29)
            .collect::<String>(),
        line("老人孩子一起参加游戏比赛"),
        line("第二段开头讲述新的故事情节"),
        line("故事继续发展人物关系变化")
    );
    let got = paras(&text);
    assert_eq!(got.len(), 2, "{got:?}");
}

#[test]
fn a_paragraph_ending_with_a_link_or_emoji_is_finished() {
    let text = format!("更多内容请访问 https://example.com/news/2024\n{BODY_ZH}\n今天的饭菜太好吃了😋\n{BODY_ZH}\n");
    assert_eq!(paras(&text).len(), 4);
}

#[test]
fn nothing_is_joined_across_an_article_break_of_the_output_format() {
    // Cleaned output: one paragraph per line, a blank line between articles.
    let text = format!("第一篇的标题\n{BODY_ZH}\n据介绍，今年区里还将在运河沿线再建设三家公园和两座图书馆，其中一座位于\n\n小区加装电梯“加速跑” 今年已开工两百余台\n今年以来，我市既有住宅加装电梯工作持续提速，完工一百三十余台。\n");
    assert_eq!(paras(&text).len(), 5);
}

#[test]
fn web_paragraphs_of_similar_width_are_not_a_hard_wrap() {
    let para = |c: &str, n: usize| format!("{}。", c.repeat(n));
    let text = format!(
        "{}\n{}\n{}\n{}\n{}\n",
        para("以", 44),
        para("杭", 46),
        para("业", 45),
        para("中", 47),
        para("长", 44)
    );
    assert_eq!(paras(&text).len(), 5);
}

#[test]
fn a_prefix_that_forms_closed_words_loses_its_hyphen() {
    let text = "The decision was one that campaigners in the city had long called over-\n\ndue and necessary.\n";
    assert!(paras(text)[0].contains("called overdue and"));
}
