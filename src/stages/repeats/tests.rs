//! Stage tests on invented documents: Chinese and English news, poems, songs, speeches,
//! lists and translations.

use super::*;
use crate::document::{Action, Document};

fn clean_with(settings: &Settings, text: &str) -> Document {
    let stage = build_stage(settings).expect("settings are valid");
    let mut doc = Document::default();
    doc.set_text(text);
    stage.apply(&mut doc).expect("repeats never fails");
    doc
}

fn clean(text: &str) -> Document {
    clean_with(&Settings::default(), text)
}

fn lines(doc: &Document) -> Vec<&str> {
    doc.blocks.iter().map(|b| b.text.as_str()).collect()
}

const P1: &str = "市住房保障和房产管理局相关负责人介绍，对加装电梯的项目，政府给予每台20万元的补助，并开通审批绿色通道。";
const P2: &str = "今年以来，我市既有住宅加装电梯工作持续提速，截至5月底，全市已开工加装电梯两百余台，完工投用一百三十余台。";
const P3: &str =
    "在西湖区翠苑一区，七十岁的王大伯住在六楼，电梯投用后，他第一次在一个月里下楼超过二十次。";
const E1: &str = "The council approved a new budget on Tuesday that raises spending on public transport by twelve percent over two years.";
const E2: &str = "Opponents argued that the plan relies on optimistic forecasts of fare revenue and could leave a gap in the accounts.";
const E3: &str = "The mayor said the first new bus routes would open in the spring, starting with the eastern districts.";

#[test]
fn exact_and_re_punctuated_paragraph_repeats_keep_the_first() {
    let repunct = P1.replace('，', ",").replace('。', ".");
    let wide = P1.replace("20", "２０");
    let text = format!("{P2}\n\n{P1}\n\n{P3}\n\n{P1}\n\n{repunct}\n\n{wide}\n");
    let doc = clean(&text);
    assert_eq!(lines(&doc), vec![P2, P1, P3]);
    let edits: Vec<_> = doc
        .edits
        .iter()
        .map(|e| (e.code.as_ref(), e.lines.start))
        .collect();
    assert_eq!(edits, vec![("R101", 7), ("R101", 9), ("R101", 11)]);
    assert!(doc
        .edits
        .iter()
        .all(|e| e.action == Action::Remove && e.stage == STAGE));
    assert!(
        doc.edits[0].reason.contains("line 3 col 1"),
        "{}",
        doc.edits[0].reason
    );
    assert!(doc.edits[0].reason.contains("similarity 1.00"));
}

#[test]
fn english_paragraph_repeated_with_other_spacing_is_removed() {
    let spaced = E1.replace(' ', "  ").to_uppercase();
    let doc = clean(&format!("{E1}\n{E2}\n{spaced}\n{E3}\n"));
    assert_eq!(lines(&doc), vec![E1, E2, E3]);
}

#[test]
fn short_lines_and_list_labels_repeat_freely() {
    let text = "优点：\n操作简单，价格便宜。\n缺点：\n续航较短。\n优点：\n外观好看。\n缺点：\n操作简单，价格便宜。\n";
    let doc = clean(text);
    assert_eq!(doc.blocks.len(), 8);
    assert!(doc.edits.is_empty());
}

#[test]
fn truncated_copy_after_the_full_paragraph_is_removed() {
    let cut: String = P2.chars().take(30).collect();
    let doc = clean(&format!("{P2}\n{P2}\n{cut}\n{P3}\n"));
    assert_eq!(lines(&doc), vec![P2, P3]);
    assert_eq!(doc.edits[1].code, "R102");
    assert!(
        doc.edits[1].reason.contains("similarity 1.00"),
        "{}",
        doc.edits[1].reason
    );
}

#[test]
fn truncated_copy_before_the_full_paragraph_is_removed() {
    // Page 1 ends mid-paragraph; page 2 repeats the whole paragraph.
    let cut: String = P2.chars().take(35).collect();
    let doc = clean(&format!("{P1}\n{cut}\n\n\n{P2}\n{P3}\n"));
    assert_eq!(lines(&doc), vec![P1, P2, P3]);
    assert_eq!(doc.edits.len(), 1);
    assert_eq!(
        (doc.edits[0].code.as_ref(), doc.edits[0].lines.start),
        ("R102", 2)
    );
}

#[test]
fn garbled_copy_spliced_from_earlier_paragraphs_is_removed() {
    let a = "在上海某食品有限公司，区长一行参观了企业展厅、生产车间，详细了解了企业发展、产品生产和疫情防控等情况介绍。";
    let b = "区长对企业应对疫情所做的努力和取得的成效表示肯定，并就扩大生产规模与企业交换意见。";
    let garbled = "区长对企业发展、产品生产和疫情防控等情况介绍。";
    let doc = clean(&format!("{a}\n{b}\n{garbled}\n{P1}\n"));
    assert_eq!(lines(&doc), vec![a, b, P1]);
    assert_eq!(doc.edits[0].code, "R102");
}

#[test]
fn a_new_paragraph_that_shares_phrases_is_kept() {
    let a = "区委书记来工业区开展“促发展、保安全”大走访大排查活动，工业区领导及社区全体领导班子参加调研。";
    let b = "区政协主席来工业区开展“促发展、保安全”大走访大排查工作，区政协办公室主任等陪同，并召开了座谈会。";
    let doc = clean(&format!("{a}\n{b}\n"));
    assert_eq!(doc.blocks.len(), 2, "{:?}", doc.edits);
}

#[test]
fn repeated_sentence_inside_a_paragraph_is_cut_at_sentence_boundaries() {
    let s = "该项目总投资2.5亿元，预计将于明年年底前全面建成并投入使用。";
    let para = format!("据介绍，{s}项目建成后将新增停车位三百个。{s}周边居民出行将更加便利。");
    let doc = clean(&format!("{P1}\n{para}\n"));
    assert_eq!(
        lines(&doc)[1],
        format!("据介绍，{s}项目建成后将新增停车位三百个。周边居民出行将更加便利。")
    );
    let edit = &doc.edits[0];
    assert_eq!(edit.code, "R103");
    assert_eq!(edit.before, s);
    assert_eq!(
        edit.column as usize,
        format!("据介绍，{s}项目建成后将新增停车位三百个。")
            .chars()
            .count()
            + 1
    );
}

#[test]
fn repeated_sentences_across_paragraphs_are_removed_from_the_later_one() {
    let s1 = "Officials said the bridge would remain closed to heavy lorries until the repairs are finished.";
    let para1 = format!("{E1} {s1}");
    let para2 = format!("{s1} {E2}");
    let doc = clean(&format!("{para1}\n{E3}\n{para2}\n"));
    assert_eq!(lines(&doc), vec![para1.as_str(), E3, E2]);
    assert_eq!(doc.edits[0].code, "R103");
    assert_eq!(doc.edits[0].lines.start, 3);
}

#[test]
fn a_match_that_does_not_cover_a_whole_sentence_is_left_alone() {
    // The shared passage starts mid-sentence in both copies: nothing can be cut cleanly.
    let a = "第一句话比较短。会议强调要进一步完善公共服务体系建设，提升基层治理能力和水平，切实保障群众利益。";
    let b = "第二句有所不同的是，要进一步完善公共服务体系建设，提升基层治理能力和水平，切实保障群众利益";
    let doc = clean(&format!("{a}\n{b}\n"));
    assert!(
        doc.edits.iter().all(|e| e.code != "R103"),
        "{:?}",
        doc.edits
    );
}

#[test]
fn poem_refrains_stay() {
    let text = "我在江南等你\n等一场雨落在青瓦上\n等乌篷船摇过石桥\n我在江南等你\n等茶从山上走下来\n等蚕豆在灶头煮熟\n我在江南等你\n";
    let doc = clean(text);
    assert_eq!(doc.blocks.len(), 7);
    assert!(doc.edits.is_empty());
}

#[test]
fn a_long_refrain_among_verse_lines_stays() {
    let refrain = "and I will carry every one of your songs across the cold and silent water until the morning comes";
    let text = format!(
        "the boats are waiting by the shore\nthe lamps are burning low\n{refrain}\nthe gulls are crying overhead\nthe tide is turning slow\n{refrain}\nthe stars are fading one by one\n"
    );
    let doc = clean(&text);
    assert_eq!(doc.blocks.len(), 7, "{:?}", doc.edits);
}

#[test]
fn a_paragraph_repeated_at_regular_intervals_is_a_refrain() {
    let chorus = "We will rebuild this town together, street by street and house by house, whatever it takes us.";
    let body = [
        "When the river rose last spring, it took the bakery, the school and the old mill with it.",
        "Many of you lost everything you owned, and many of you stayed to help your neighbours anyway.",
        "The money from the state has arrived, and the first families will move back before winter.",
        "Some said it could not be done, that the valley should be left to the water for good.",
        "I have walked these streets every week since the flood, and I have seen what you can do.",
        "So tonight I ask you for one more year of patience, and one more year of hard work.",
    ];
    let text = format!(
        "{}\n{}\n{chorus}\n{}\n{}\n{chorus}\n{}\n{}\n{chorus}\n",
        body[0], body[1], body[2], body[3], body[4], body[5]
    );
    let doc = clean(&text);
    assert_eq!(doc.blocks.len(), 9, "{:?}", doc.edits);
}

#[test]
fn a_sentence_closing_several_speech_paragraphs_is_a_refrain() {
    let s = "这就是我们共同的家园，这就是我们必须守护的未来。";
    let text = format!(
        "我们的祖辈在这片土地上开荒种地，建起了第一座学校和第一座医院。{s}\n今天，我们的孩子在这里读书长大，在这里找到工作，在这里成家立业。{s}\n明天，我们还要让这条河更清，让这片山更绿，让每一户人家都过上好日子。{s}\n"
    );
    let doc = clean(&text);
    assert!(doc.edits.is_empty(), "{:?}", doc.edits);
}

#[test]
fn a_translation_of_a_paragraph_stays() {
    let zh = "市政府周二批准了新的预算，未来两年公共交通支出将增加百分之十二，首批新公交线路将于明年春季开通。";
    let doc = clean(&format!("{zh}\n{E1}\n{zh}\n"));
    // The translation stays; the third line (an exact repeat) goes.
    assert_eq!(lines(&doc), vec![zh, E1]);
}

#[test]
fn pagination_run_removes_short_lines_with_the_long_repeat() {
    let head = "二、加快推进加装电梯";
    let text = format!("{P3}\n{head}\n{P2}\n\n— 2 —\n\n{head}\n{P2}\n{P1}\n");
    let doc = clean(&text);
    assert_eq!(lines(&doc), vec![P3, head, P2, "— 2 —", P1]);
    let codes: Vec<_> = doc.edits.iter().map(|e| e.code.as_ref()).collect();
    assert_eq!(codes, vec!["R101", "R104"]);
}

#[test]
fn disabled_rules_do_not_run() {
    let settings = Settings {
        ignore: vec!["R101".into()],
        ..Settings::default()
    };
    let doc = clean_with(&settings, &format!("{P1}\n{P1}\n"));
    assert_eq!(doc.blocks.len(), 2);
}

#[test]
fn minimum_length_is_configurable() {
    let line = "这是一句不到二十个字的话。";
    assert_eq!(clean(&format!("{line}\n{line}\n")).blocks.len(), 2);
    let mut settings = Settings::default();
    settings.repeats.min_cjk_chars = 10;
    assert_eq!(
        clean_with(&settings, &format!("{line}\n{line}\n"))
            .blocks
            .len(),
        1
    );
}

#[test]
fn bad_settings_are_config_errors() {
    let mut settings = Settings::default();
    settings.repeats.containment = 1.5;
    assert!(build_stage(&settings).is_err());
    let parsed = Settings::from_toml(
        "[repeats]\nmin-cjk-chars = 30\ncontainment = 0.9\n",
        std::path::Path::new("t.toml"),
    )
    .expect("valid section");
    assert_eq!(parsed.repeats.min_cjk_chars, 30);
    assert!(
        Settings::from_toml("[repeats]\nmin-len = 3\n", std::path::Path::new("t.toml")).is_err()
    );
}

#[test]
fn a_page_overlap_joined_into_one_paragraph_is_collapsed() {
    // Page 1 ended mid-sentence; page 2 repeated that line; reflow joined the halves.
    let full = "业内人士分析，公积金政策调整有助于降低购房者的资金压力，释放改善性住房需求，但政策效果还需结合各地市场供求情况观察。";
    let cut = "业内人士分析，公积金政策调整有助于降低购房者的资金压力，释放";
    let doc = clean(&format!("{P1}\n{cut}{full}\n"));
    assert_eq!(lines(&doc), vec![P1, full]);
    assert_eq!(doc.edits.len(), 1);
    assert_eq!(doc.edits[0].code, "R105");
    // An overlap in the middle of a sentence, with a number at the seam.
    let a = "The committee said the new hospital wing would cost 2.5 million pounds";
    let b =
        "The committee said the new hospital wing would cost 2.5 million pounds and open in May.";
    let doc = clean(&format!("{a} {b}\n"));
    assert_eq!(lines(&doc), vec![b]);
}

#[test]
fn short_doubled_words_stay() {
    let text = "谢谢谢谢，大家辛苦了。Very very good news for the town.\n";
    let doc = clean(text);
    assert!(doc.edits.is_empty());
}

#[test]
fn a_headline_that_rewords_its_lede_stays() {
    // A misplaced headline after its article (the articles stage moves it later).
    let lede = "本报讯 2月15日下午，区政协主席王某来工业区开展“促发展、保安全”大走访大排查工作，区政协办公室主任等陪同。";
    let headline = "区政协主席王某来工业区开展大走访大排查工作";
    let doc = clean(&format!("{lede}\n{P1}\n{headline}\n{P3}\n"));
    assert_eq!(doc.blocks.len(), 4, "{:?}", doc.edits);
}

#[test]
fn many_repeated_sentences_in_one_block_are_all_removed() {
    // Regression: doubled passages were removed one per round, so a long block kept most.
    let sentences: Vec<String> = (0..12)
        .map(|k| {
            format!(
                "第{k}项工作要求各部门认真落实责任分工，确保各项任务按期完成并及时报送进展情况。"
            )
        })
        .collect();
    let mut block = String::new();
    for s in &sentences {
        block.push_str(s);
        block.push_str(s);
    }
    for s in sentences.iter().rev() {
        block.push_str(s);
    }
    let doc = clean(&format!("{block}\n"));
    assert_eq!(lines(&doc), vec![sentences.concat()]);
}

#[test]
fn table_rows_with_the_same_long_cells_stay() {
    let cell = "需携带身份证复印件、营业执照副本复印件及法定代表人授权委托书。";
    let text = format!(
        "城区\t材料\t电话\n上城区\t{cell}\t0571-87011234\n下城区\t{cell}\t0571-88302211\n| 西湖区 | {cell} | 0571-87902345 |\n"
    );
    let doc = clean(&text);
    assert_eq!(doc.blocks.len(), 4, "{:?}", doc.edits);
    // A row pasted twice is still a repeat.
    let row = format!("上城区\t{cell}\t0571-87011234");
    assert_eq!(clean(&format!("{row}\n{row}\n")).blocks.len(), 1);
}

#[test]
fn a_block_after_a_rewritten_block_still_finds_its_text() {
    // Regression: a block whose sentences were cut is stored again after the later blocks;
    // the later blocks must still find (and never trip over) its new text.
    let s = "该项目总投资2.5亿元，预计将于明年年底前全面建成并投入使用。";
    let first = format!("{P1}{s}{s}");
    let doc = clean(&format!("{first}\n{P2}\n{P3}{P1}\n"));
    assert_eq!(
        lines(&doc),
        vec![format!("{P1}{s}"), P2.to_string(), P3.to_string()]
    );
}

#[test]
fn traditional_chinese_repeats_with_other_punctuation_are_removed() {
    let a = "勞動部官員指出，現行規定由地方政府依雨量及風力決定是否停班，但不少勞工居住地與工作地分屬不同縣市。";
    let b = "勞動部強調，雇主不得因勞工在颱風天未出勤而扣發全勤獎金或視為曠工，違者最高可處一百萬元罰鍰。";
    let copy = a.replace('，', ", ").replace('。', ".");
    let truncated: String = b.chars().take(28).collect();
    let doc = clean(&format!("{a}\n{b}\n{copy}\n{truncated}\n"));
    assert_eq!(lines(&doc), vec![a, b]);
    let codes: Vec<_> = doc.edits.iter().map(|e| e.code.as_ref()).collect();
    assert_eq!(codes, vec!["R101", "R102"]);
}

#[test]
fn a_speech_with_anaphora_and_a_short_refrain_is_untouched() {
    let text = "I have walked the length of this valley, from the quarry to the sea, and I have listened.\n\
        Yes, we can.\n\
        I have sat in kitchens where the heating was off and the bills were piled on the table.\n\
        Yes, we can.\n\
        I have stood at factory gates at six in the morning and heard what the workers had to say.\n\
        Yes, we can.\n";
    let doc = clean(text);
    assert_eq!(doc.blocks.len(), 6);
    assert!(doc.edits.is_empty());
}
