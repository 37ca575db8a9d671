//! Settling: cleaning the output again changes nothing, and what settling changes is
//! reported in original line numbers.

use super::*;
use crate::document::{Action, Edit, LineRange};

fn pipeline() -> Pipeline {
    Pipeline::new(Settings::default()).unwrap()
}

fn clean(pipeline: &Pipeline, text: &str) -> Document {
    let mut doc = Document::from_text("t", text);
    pipeline.run(&mut doc).unwrap();
    doc
}

/// Cleans `text`, cleans the output again, and checks that the second clean finds nothing
/// to do. Returns the first result.
fn assert_settled(pipeline: &Pipeline, text: &str) -> Document {
    let once = clean(pipeline, text);
    let again = clean(pipeline, &once.render_text());
    assert_eq!(again.render_text(), once.render_text());
    assert!(again.edits.is_empty(), "{:#?}", again.edits);
    once
}

fn joins(doc: &Document) -> Vec<&Edit> {
    doc.edits
        .iter()
        .filter(|e| e.action == Action::Join)
        .collect()
}

#[test]
fn a_removed_line_between_two_halves_does_not_keep_them_apart_only_once() {
    // The metadata line debris removes made the halves look like two articles; the output
    // has no trace of it, so the halves are joined now rather than by a second clean.
    let pipeline = pipeline();
    let text = "走进上海科技影都核心承载区地之一的车墩镇，虚拟影棚内动作捕捉技术精准记录演员的一颦一笑。\n同时，鼓励各新兴领域党组织开展XR虚拟棚中\n来源:上海普陀\n实。联合多家企业开展活动，取得良好效果。\n";
    let doc = assert_settled(&pipeline, text);
    assert_eq!(doc.blocks.len(), 2, "{}", doc.render_text());
    // The join names the original lines of both halves (not the lines of the output).
    let join = joins(&doc)[0];
    assert_eq!(join.lines, LineRange::new(2, 4));
    assert!(join.reason.starts_with("lines 2 and 4:"), "{}", join.reason);
    // The article boundary the first round found there is gone, and so is its report.
    assert!(doc.edits.iter().all(|e| e.action != Action::Split));
    assert_eq!(doc.blocks[1].lines, LineRange::new(2, 4));
}

#[test]
fn a_blank_line_inside_an_article_does_not_keep_two_halves_apart_only_once() {
    let pipeline = pipeline();
    let text = "走进上海科技影都核心承载区地之一的车墩镇,虚拟影棚内动作捕捉技术精准记录演员的一颦一笑,党群服务阵地里企业代表正热烈讨论影视衍生品设计,园区专管员的手机24小时响个不停……这一幕幕生动场景,正是车墩镇以党建引领推动影视产业高质量发展的缩影。\n数字技术破圈突围 金融活水浇灌产业沃土\n同时,鼓励各新兴领域党组织开展流动党员关\n   \n“在《1921》拍摄现场上党课,让我们对党的历史有了更深刻的理解,也激发了创作灵感。”党员王先生感慨道。依托车墩影视城丰富的红色拍摄资源,镇党委创新";
    let doc = assert_settled(&pipeline, text);
    let output = doc.render_text();
    assert!(output.contains("流动党员关“在《1921》"), "{output}");
    assert_eq!(joins(&doc)[0].lines, LineRange::new(3, 5));
}

#[test]
fn clean_text_is_left_alone() {
    // Negative: a page that needs nothing settles at once, and an article break of the
    // output format is kept.
    let pipeline = pipeline();
    let text = "外婆家所在的那条老街，明年开春就要拆了。\n消息传来的时候，我正在外地出差，一连几天都睡不好。\n周末赶回去，街口那家开了三十年的理发店已经关门，门口贴着一张告示，说感谢街坊们多年的照顾。\n\n区里召开治理工作推进会\n会议总结了上半年的工作，部署了下一阶段的重点任务。\n";
    let doc = assert_settled(&pipeline, text);
    assert_eq!(doc.render_text(), text);
    assert!(doc.edits.is_empty(), "{:#?}", doc.edits);
}

#[test]
fn reasons_name_original_lines() {
    let text = "第一段。\n\n第二段。\n\n第三段。\n";
    let mut doc = Document::default();
    doc.set_text(text);
    let view = settle::View::of(&doc);
    // View lines 1-3 are the original lines 1, 3 and 5.
    assert_eq!(
        view.map_reason("lines 1 and 2-3: joined"),
        "lines 1 and 3-5: joined"
    );
    assert_eq!(
        view.map_reason("moved before line 3, the start"),
        "moved before line 5, the start"
    );
    // Not line numbers: left as they are.
    assert_eq!(
        view.map_reason("a headline (two lines)"),
        "a headline (two lines)"
    );
    assert_eq!(view.map_reason("lines 9 and 1"), "lines 9 and 1");
}

#[test]
fn text_laid_out_like_the_output_is_not_read_again() {
    let pipeline = pipeline();
    let clean_text = "外婆家所在的那条老街，明年开春就要拆了。\n消息传来的时候，我正在外地出差。\n";
    let mut doc = Document::from_text("t", clean_text);
    pipeline.run_stages(&mut doc).unwrap();
    assert!(settle::reads_back_as_is(&doc));
    // A blank line inside an article, a leading blank line, an edit: read again.
    for text in [
        "外婆家所在的那条老街，明年开春就要拆了。\n\n消息传来的时候，我正在外地出差。\n",
        "\n外婆家所在的那条老街，明年开春就要拆了。\n",
        "外婆家所在的那条老街，明年开春就要拆了。  \n",
    ] {
        let mut doc = Document::from_text("t", text);
        pipeline.run_stages(&mut doc).unwrap();
        assert!(!settle::reads_back_as_is(&doc), "{text:?}");
    }
}
