//! Clean body text: sentences and paragraphs in Simplified Chinese, Traditional Chinese,
//! English, or Chinese with Latin terms, assembled from a phrase vocabulary so that every
//! paragraph is new text (never one of the bundled samples).
//!
//! A generated paragraph is already in the pipeline's output form (normalized spaces and
//! punctuation, no debris shapes) and long enough to read as body text: at least 41
//! characters of weight (a Han character counts one, a Latin word two), because a shorter
//! line next to a photo credit is, by the structure rules, a caption.

use std::sync::OnceLock;

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;
use proptest::prelude::*;
use proptest::sample::select;

use super::words::{EN_PLACES, PLACES, ZH_HEADLINE_EVENTS};
use super::Script;

const ZH_TIMES: &[&str] = &[
    "今年以来",
    "近日",
    "上周",
    "去年年底",
    "目前",
    "本月初",
    "今年一季度",
    "过去三年",
    "春节前后",
    "入夏以来",
    "昨天上午",
    "此前",
];
const ZH_PLACES_SUFFIX: &[&str] = &["新区", "街道", "老城区", "县", "镇", "开发区", "市"];
const ZH_ACTORS: &[&str] = &[
    "居民",
    "企业",
    "学校",
    "社区工作者",
    "志愿者",
    "农户",
    "医院",
    "有关部门",
    "交通部门",
    "几家餐馆",
    "合作社",
    "物业公司",
    "老年大学",
    "年轻人",
    "游客",
    "商户",
];
const ZH_ACTIONS: &[&str] = &[
    "完成了道路改造",
    "推出了新的便民服务",
    "举办了读书活动",
    "修复了老旧管网",
    "增加了公交线路",
    "开展了技能培训",
    "建起了共享菜园",
    "改造了农贸市场",
    "新开了一家社区食堂",
    "调整了夜间营业时间",
    "引进了智能分拣设备",
    "种下了一片樱花林",
    "整修了沿河步道",
    "上线了预约挂号系统",
    "组织了义诊",
    "设立了临时停车点",
];
const ZH_RESULTS: &[&str] = &[
    "受到周边居民欢迎",
    "预计年底前全部完工",
    "吸引了不少外地游客",
    "出行时间明显缩短",
    "附近的老人不用再跑远路",
    "不少店铺的生意好了起来",
    "仍有一些问题需要解决",
    "效果还需要时间检验",
    "后续还将扩大范围",
    "这在过去是很难想象的",
];
const ZH_NUMBERS: &[&str] = &[
    "参与人数超过{}人",
    "投入资金约{}万元",
    "覆盖{}个小区",
    "累计服务{}人次",
];
const ZH_SAYERS: &[&str] = &[
    "一位店主",
    "附近的居民",
    "负责人",
    "一名志愿者",
    "工作人员",
    "当地村民",
];
const ZH_QUOTES: &[&str] = &[
    "现在方便多了",
    "以前下雨天根本出不了门",
    "我们会继续听取大家的意见",
    "希望这样的好事越来越多",
    "这件事我们准备了很久",
    "每天来的人比原来多了一倍",
];
const LATIN_TERMS: &[&str] = &[
    "App", "AI", "5G", "GPS", "Wi-Fi", "iPad", "VR", "PM2.5", "LED", "U盘",
];

const EN_SUBJECTS: &[&str] = &[
    "The city council",
    "Local farmers",
    "A spokesperson for the port authority",
    "Residents of the old quarter",
    "Several small businesses",
    "The regional health board",
    "Teachers at the secondary school",
    "The transport department",
    "A group of volunteers",
    "Researchers at the university",
    "The mayor's office",
    "Fishermen along the coast",
    "Parents at the primary school",
    "The water company",
];
const EN_ACTIONS: &[&str] = &[
    "approved a new budget for the harbour",
    "said the bridge would reopen in the spring",
    "reported a sharp rise in visitor numbers",
    "opened a community kitchen near the station",
    "warned that water prices could go up",
    "planted hundreds of trees along the river",
    "extended the night bus service to the suburbs",
    "asked for more time to finish the study",
    "raised money to repair the museum roof",
    "closed the market for two weeks of repairs",
    "launched a free cycling scheme for students",
    "cut the fees for the public swimming pool",
    "rebuilt the footpath along the old canal",
    "set up a weekend clinic in the town hall",
    "doubled the number of recycling points",
    "restored the clock tower above the square",
    "hired twelve new nurses for the night shift",
    "published a map of the flood zones",
    "turned an empty warehouse into a library",
    "lowered the speed limit near the schools",
];
const EN_TAILS: &[&str] = &[
    "on Tuesday",
    "after a long debate",
    "earlier this year",
    "according to figures released last week",
    "despite heavy rain",
    "for the first time in a decade",
    "without much public notice",
    "in a statement on its website",
    "following complaints from residents",
];

/// A sentence and its keys (separated by `|`): two sentences sharing a key are too alike
/// to stand in one document (the repeats stage would rightly take one for a repeat of the
/// other, or remove a quoted sentence both carry).
pub type Keyed = (String, String);

/// Whether a sentence with `key` is new to `seen`; records its keys when it is.
pub fn first_time(seen: &mut std::collections::HashSet<String>, key: &str) -> bool {
    if key.split('|').any(|k| seen.contains(k)) {
        return false;
    }
    seen.extend(key.split('|').map(str::to_string));
    true
}

/// A Simplified Chinese sentence, sometimes with a Latin term or a number.
fn zh_sentence(latin: bool) -> impl Strategy<Value = Keyed> {
    (
        0usize..4,
        (
            select(ZH_TIMES),
            select(PLACES),
            select(ZH_PLACES_SUFFIX),
            select(ZH_ACTORS),
        ),
        (
            select(ZH_ACTIONS),
            select(ZH_RESULTS),
            select(ZH_NUMBERS),
            2u32..5000,
        ),
        (select(ZH_SAYERS), select(ZH_QUOTES), select(LATIN_TERMS)),
    )
        .prop_map(
            move |(form, (t, p, ps, actor), (act, res, num, n), (sayer, quote, term))| {
                let number = num.replace("{}", &n.to_string());
                // One sentence per action: two sentences that differ only in their time
                // phrase and actor read as an edited copy (repeats removes it, rightly).
                let key = if form == 2 {
                    format!("{act}|{quote}")
                } else {
                    act.to_string()
                };
                let act = if latin {
                    format!("借助 {term} {act}")
                } else {
                    act.to_string()
                };
                let text = match form {
                    0 => format!("{t}，{p}{ps}{actor}{act}，{res}。"),
                    1 => format!("据介绍，{p}{ps}{actor}{act}，{number}。"),
                    2 => format!("“{quote}。”{sayer}说，{t}{actor}{act}。"),
                    _ => format!("{p}{ps}的{actor}{act}，{number}，{res}。"),
                };
                (text, key)
            },
        )
}

/// An English sentence.
fn en_sentence() -> impl Strategy<Value = Keyed> {
    (
        select(EN_SUBJECTS),
        select(EN_ACTIONS),
        select(EN_TAILS),
        select(EN_PLACES),
        0usize..3,
    )
        .prop_map(|(s, a, t, place, form)| {
            let text = match form {
                0 => format!("{s} {a} {t}."),
                1 => format!("In {place}, {} {a} {t}.", lower_first(s)),
                _ => format!("{s} in {place} {a}, officials said."),
            };
            // One action per document: with a small vocabulary, two sentences sharing their
            // long predicate read as a doubled passage, which the repeats stage removes.
            (text, a.to_string())
        })
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `text` in Taiwan Traditional forms (OpenCC `s2tw`, built once).
pub fn to_traditional(text: &str) -> String {
    static CONVERTER: OnceLock<Option<OpenCC>> = OnceLock::new();
    match CONVERTER.get_or_init(|| OpenCC::from_config(BuiltinConfig::S2tw).ok()) {
        Some(c) => c.convert(text),
        None => text.to_string(),
    }
}

/// A keyed sentence in `script` (for [`Script::Mixed`], mostly Chinese with a Latin term).
pub fn keyed_sentence(script: Script) -> BoxedStrategy<Keyed> {
    match script {
        Script::Simplified => zh_sentence(false).boxed(),
        Script::Traditional => zh_sentence(false)
            .prop_map(|(s, k)| (to_traditional(&s), k))
            .boxed(),
        Script::English => en_sentence().boxed(),
        Script::Mixed => prop_oneof![3 => zh_sentence(true), 1 => zh_sentence(false)].boxed(),
    }
}

/// A sentence in `script`.
pub fn sentence(script: Script) -> BoxedStrategy<String> {
    keyed_sentence(script).prop_map(|(s, _)| s).boxed()
}

/// The keyed sentences of a body paragraph: two to five, all different, together weighing
/// more than 40. In a [`Script::Mixed`] document one paragraph in four is English.
pub fn keyed_paragraph(script: Script) -> BoxedStrategy<Vec<Keyed>> {
    let build = |script: Script| proptest::collection::vec(keyed_sentence(script), 2..6);
    let strategy = match script {
        Script::Mixed => {
            prop_oneof![3 => build(Script::Mixed), 1 => build(Script::English)].boxed()
        }
        other => build(other).boxed(),
    };
    strategy
        .prop_map(|mut sentences| {
            let mut seen = std::collections::HashSet::new();
            sentences.retain(|(_, k)| first_time(&mut seen, k));
            sentences
        })
        .prop_filter("body paragraphs weigh more than 40", |s| {
            weight(&join_sentences(s)) > 40
        })
        .boxed()
}

/// Sentences joined into a paragraph (English with a space, Chinese without).
pub fn join_sentences(sentences: &[Keyed]) -> String {
    let english = sentences.iter().all(|(s, _)| !s.chars().any(is_han));
    let texts: Vec<&str> = sentences.iter().map(|(s, _)| s.as_str()).collect();
    texts.join(if english { " " } else { "" })
}

/// A body paragraph: two to five different sentences weighing more than 40, no line
/// breaks. In a [`Script::Mixed`] document one paragraph in four is English.
pub fn paragraph(script: Script) -> BoxedStrategy<String> {
    keyed_paragraph(script)
        .prop_map(|s| join_sentences(&s))
        .boxed()
}
/// A headline: a short line without final punctuation, above the body.
pub fn headline(script: Script) -> BoxedStrategy<String> {
    let zh = (
        select(PLACES),
        select(ZH_ACTORS),
        select(&ZH_HEADLINE_EVENTS[..5]),
    )
        .prop_map(|(p, a, v)| format!("{p}{a}{v}"));
    match script {
        Script::Simplified | Script::Mixed => zh.boxed(),
        Script::Traditional => zh.prop_map(|h| to_traditional(&h)).boxed(),
        Script::English => (
            select(EN_PLACES),
            select(&["harbour", "museum", "market", "bridge", "library"][..]),
            select(
                &[
                    "reopens after repairs",
                    "faces budget cuts",
                    "plans summer festival",
                ][..],
            ),
        )
            .prop_map(|(p, n, v)| format!("{p} {n} {v}"))
            .boxed(),
    }
}

/// Text weight as the debris stage measures it: a Han character counts 1, a run of Latin
/// letters or digits 2.
pub fn weight(text: &str) -> usize {
    let mut w = 0;
    let mut in_word = false;
    for c in text.chars() {
        if is_han(c) {
            w += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            if !in_word {
                w += 2;
            }
            in_word = true;
        } else {
            in_word = false;
        }
    }
    w
}

/// Whether `c` is a CJK ideograph.
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}
