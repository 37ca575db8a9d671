//! Chinese debris shapes. Traditional documents get the same shapes converted to Taiwan
//! forms (the packs list the Traditional form of their key words) plus the shapes of
//! Taiwan and Hong Kong portals (`hant.rs`).

use proptest::prelude::*;
use proptest::sample::{select, subsequence};

use super::{many, one, Lang, Place, Shape};
use crate::testing::prose::to_traditional;
use crate::testing::words::*;
use crate::testing::Family;

/// A headline-like phrase (no punctuation): what related lists and titles print.
pub(super) fn headline() -> impl Strategy<Value = String> {
    (
        select(PLACES),
        select(
            &[
                "居民",
                "企业",
                "学校",
                "社区",
                "志愿者",
                "农户",
                "医院",
                "商户",
            ][..],
        ),
        select(ZH_HEADLINE_EVENTS),
    )
        .prop_map(|(p, a, v)| format!("{p}{a}{v}"))
}

/// A short caption of a missing picture.
fn caption() -> impl Strategy<Value = String> {
    (
        select(PLACES),
        select(&["居民", "游客", "学生", "志愿者", "工人", "市民"][..]),
        select(
            &[
                "在展厅参观",
                "在老街上散步",
                "在田间劳作",
                "参加活动",
                "在工地施工",
                "排队购票",
            ][..],
        ),
    )
        .prop_map(|(p, who, what)| format!("{p}{who}{what}"))
}

fn account() -> impl Strategy<Value = String> {
    (
        select(PLACES),
        select(&["发布", "融媒", "观察", "生活圈", "文旅", "青年"][..]),
    )
        .prop_map(|(p, s)| format!("{p}{s}"))
}

fn digits(n: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(0u8..10, n)
        .prop_map(|d| d.iter().map(|d| char::from(b'0' + d)).collect())
}

/// The shapes common to both scripts, in Simplified forms.
fn simplified(family: Family, place: Place) -> Vec<Shape> {
    use Family::*;
    use Place::*;
    let mut v = Vec::new();
    match (family, place) {
        (PageChrome, Header) => {
            v.push(one(
                PageChrome,
                "D102",
                0,
                (channels(CHANNELS, 1..4), any::<bool>()).prop_map(|(c, pos)| {
                    let trail = format!("首页 > {}", c.join(" > "));
                    if pos {
                        format!("当前位置：{trail} > 正文")
                    } else {
                        trail
                    }
                }),
            ));
            v.push(one(
                PageChrome,
                "D103",
                0,
                channels(CHANNELS, 4..9).prop_map(|c| format!("首页 {}", c.join(" "))),
            ));
            v.push(one(
                PageChrome,
                "D101",
                0,
                (
                    headline(),
                    select(CHANNELS),
                    select(PLACES),
                    select(&["日报", "晚报", "新闻网", "在线", "都市报"][..]),
                    any::<bool>(),
                )
                    .prop_map(|(h, c, p, s, with_channel)| {
                        if with_channel {
                            format!("{h}_{c}_{p}{s}")
                        } else {
                            format!("{h}｜{p}{s}")
                        }
                    }),
            ));
        }
        (PageChrome, Between) => {
            v.push(one(
                PageChrome,
                "D106",
                3,
                select(&["广告", "推广", "【广告】"][..]).prop_map(str::to_string),
            ));
        }
        (PageChrome, Footer) => {
            v.push(one(
                PageChrome,
                "D105",
                3,
                (select(&["上一篇", "下一篇"][..]), headline())
                    .prop_map(|(w, h)| format!("{w}：{h}")),
            ));
            v.push(one(
                PageChrome,
                "D104",
                3,
                subsequence(
                    &["【打印】", "【关闭】", "【收藏】", "【返回顶部】"][..],
                    1..4,
                )
                .prop_map(|w| w.concat()),
            ));
            v.push(one(
                PageChrome,
                "D103",
                6,
                subsequence(
                    &[
                        "网站地图",
                        "联系我们",
                        "关于我们",
                        "使用帮助",
                        "意见反馈",
                        "隐私政策",
                    ][..],
                    2..5,
                )
                .prop_map(|w| w.join(" | ")),
            ));
        }
        (Metadata, Header) => {
            v.push(one(
                Metadata,
                "D110",
                0,
                (
                    select(&["诗歌荐读", "城市记忆", "周末读书", "乡土故事"][..]),
                    1u32..400,
                )
                    .prop_map(|(column, n)| format!("{column} 第{n}期")),
            ));
            v.push(one(
                Metadata,
                "D207",
                0,
                (
                    date(),
                    time(),
                    zh_site(),
                    0usize..3,
                    zh_name(),
                    10u32..99999,
                )
                    .prop_map(|(d, t, s, form, n, views)| match form {
                        0 => format!("发布时间：{d} {t} 来源：{s}"),
                        1 => format!("{d} {t} 来源：{s}"),
                        _ => format!("来源：{s} 作者：{n} 浏览次数：{views}"),
                    }),
            ));
            v.push(one(
                Metadata,
                "D201",
                0,
                (zh_name(), zh_name(), 0usize..3).prop_map(|(a, b, form)| match form {
                    0 => format!("本报记者 {a} 通讯员 {b}"),
                    1 => format!("文｜{a}"),
                    _ => format!("□记者 {a} {b}"),
                }),
            ));
        }
        (Metadata, Footer) => {
            v.push(one(
                Metadata,
                "D208",
                2,
                (channels(CHANNELS, 2..5), any::<bool>()).prop_map(|(c, hash)| {
                    if hash {
                        c.iter()
                            .map(|c| format!("#{c}"))
                            .collect::<Vec<_>>()
                            .join(" ")
                    } else {
                        format!("标签：{}", c.join(" "))
                    }
                }),
            ));
        }
        (PhotoCredit, Between) => {
            v.push(one(
                PhotoCredit,
                "D202",
                3,
                (zh_name(), 0usize..4, select(PLACES)).prop_map(|(n, form, p)| match form {
                    0 => format!("{n} 摄"),
                    1 => format!("本报记者 {n} 摄"),
                    2 => format!("{p}文旅局供图"),
                    _ => "（资料图）".to_string(),
                }),
            ));
            v.push(one(
                PhotoCredit,
                "D203",
                3,
                (caption(), zh_name()).prop_map(|(c, n)| format!("{c}。{n} 摄")),
            ));
            v.push(one(
                PhotoCredit,
                "D204",
                3,
                (caption(), any::<bool>()).prop_map(|(c, tri)| {
                    if tri {
                        format!("▲{c}")
                    } else {
                        format!("图为{c}。")
                    }
                }),
            ));
        }
        (Editor, Footer) => {
            v.push(one(
                Editor,
                "D411",
                1,
                (
                    select(&["报料热线", "新闻热线", "投稿邮箱"][..]),
                    10_000_000u32..99_999_999,
                    select(EN_PLACES),
                )
                    .prop_map(|(what, n, p)| {
                        if what == "投稿邮箱" {
                            format!("{what}：news{}@{}.com", n % 1000, p.to_lowercase())
                        } else {
                            format!("{what}：0{}-{n}", 10 + n % 90)
                        }
                    }),
            ));
            v.push(one(
                Editor,
                "D209",
                1,
                (
                    zh_name(),
                    select(PLACES),
                    select(&["中学教师", "自由撰稿人", "退休工程师", "文学爱好者"][..]),
                )
                    .prop_map(|(n, p, job)| {
                        format!("作者简介：{n}，{p}人，{job}，作品散见于多种报刊。")
                    }),
            ));
            v.push(one(
                Editor,
                "D205",
                1,
                (zh_name(), zh_name(), zh_names(), 0usize..4).prop_map(|(a, b, several, form)| {
                    match form {
                        0 => format!("责任编辑：{a}"),
                        1 => format!("【编辑：{a}】"),
                        2 => format!("（责编：{several}）"),
                        _ => format!("责任编辑：{a} 审核：{b}"),
                    }
                }),
            ));
        }
        (Notice, Footer) => {
            v.push(one(Notice, "D301", 5, (2009u32..2026, zh_site(), any::<bool>()).prop_map(|(y, s, long)| if long {
                format!("版权声明：本网站所刊登的各种新闻、信息和专栏资料，均为{s}版权所有，未经协议授权，禁止下载使用。")
            } else {
                format!("Copyright © {y} {s} 版权所有")
            })));
            v.push(one(
                Notice,
                "D302",
                5,
                (zh_site(), any::<bool>()).prop_map(|(s, form)| {
                    if form {
                        format!("{s}，未经授权不得转载")
                    } else {
                        "未经授权禁止转载、摘编、复制及建立镜像，违者将依法追究法律责任。"
                            .to_string()
                    }
                }),
            ));
            v.push(one(
                Notice,
                "D303",
                5,
                select(
                    &[
                        "本文仅代表作者观点，不代表本站立场。",
                        "免责声明：本文仅供参考，不构成投资建议。",
                        "如有侵权，请联系我们删除。",
                    ][..],
                )
                .prop_map(str::to_string),
            ));
            v.push(one(
                Notice,
                "D305",
                6,
                (
                    select(&["浙", "苏", "粤", "京", "沪", "川"][..]),
                    digits(8),
                    digits(14),
                    any::<bool>(),
                )
                    .prop_map(|(p, a, b, both)| {
                        if both {
                            format!("{p}ICP备{a}号 {p}公网安备 {b}号")
                        } else {
                            format!("{p}ICP备{a}号-1")
                        }
                    }),
            ));
        }
        (ImageFile, Between) | (ImageFile, Header) => {
            v.push(one(
                ImageFile,
                "D501",
                3,
                (0usize..4, digits(4), 1u32..9, 1u32..9).prop_map(|(form, d, a, b)| match form {
                    0 => format!("IMG_{d}.JPG"),
                    1 => format!("• banner{a}-{b}.png"),
                    2 => format!("微信图片_2024{d}.jpg"),
                    _ => format!("DSC0{d}.jpeg"),
                }),
            ));
        }
        (EndMarker, Footer) => {
            v.push(one(
                EndMarker,
                "D601",
                0,
                select(&["（完）", "【完】", "(完)", "（全文完）", "—— 完 ——"][..])
                    .prop_map(str::to_string),
            ));
        }
        (Social, Header) => {
            // A forum post: the floor label and the poster's name under it.
            v.push(many(
                Social,
                "D407",
                0,
                (
                    select(&["楼主", "沙发", "板凳"][..]),
                    select(PLACES),
                    select(&["老猫", "小鱼", "阿明", "行者"][..]),
                )
                    .prop_map(|(floor, p, n)| vec![floor.to_string(), format!("{p}{n}")]),
            ));
            v.push(one(
                Social,
                "D403",
                0,
                (account(), any::<bool>()).prop_map(|(a, plain)| {
                    if plain {
                        "点击上方蓝字关注我们".to_string()
                    } else {
                        format!("点击上方“{a}”关注我们")
                    }
                }),
            ));
            v.push(one(
                Social,
                "D406",
                0,
                (account(), date(), time(), select(PROVINCES))
                    .prop_map(|(a, d, t, p)| format!("原创 {a} {a} {d} {t} 发表于{p}")),
            ));
            v.push(one(
                Social,
                "D407",
                0,
                (1u32..50000, 1u32..500).prop_map(|(v, r)| format!("查看：{v}|回复：{r}")),
            ));
        }
        (Social, Footer) => {
            v.push(one(
                Social,
                "D405",
                4,
                select(
                    &[
                        "阅读原文",
                        "在看",
                        "点赞",
                        "写留言",
                        "继续滑动看下一个",
                        "点个在看，你最好看",
                        "分享、点赞、在看，一个都不能少",
                    ][..],
                )
                .prop_map(str::to_string),
            ));
            v.push(one(
                Social,
                "D401",
                4,
                subsequence(&["微信", "朋友圈", "微博", "QQ空间"][..], 1..4)
                    .prop_map(|w| format!("分享到：{}", w.join(" "))),
            ));
            v.push(many(
                Social,
                "D402",
                4,
                account().prop_map(|a| vec!["长按二维码关注".to_string(), a]),
            ));
            v.push(one(
                Social,
                "D412",
                4,
                (1u32..999, 1u32..999, 1u32..999)
                    .prop_map(|(a, b, c)| format!("转发 {a} 评论 {b} 赞 {c}")),
            ));
        }
        (Lists, Footer) => {
            v.push(many(
                Lists,
                "D603",
                9,
                (
                    select(&["相关阅读", "往期推荐", "推荐阅读", "延伸阅读", "热门文章"][..]),
                    proptest::collection::vec(headline(), 1..4),
                )
                    .prop_map(|(h, titles)| std::iter::once(h.to_string()).chain(titles).collect()),
            ));
            v.push(many(
                Lists,
                "D410",
                10,
                (
                    select(&["网友评论", "热门评论", "全部评论"][..]),
                    proptest::collection::vec(
                        (
                            zh_name(),
                            select(&["说得好", "支持", "希望早日完工", "我家附近也有"][..]),
                        ),
                        0..3,
                    ),
                )
                    .prop_map(|(h, comments)| {
                        std::iter::once(h.to_string())
                            .chain(comments.into_iter().map(|(n, c)| format!("{n}：{c}")))
                            .collect()
                    }),
            ));
        }
        (Markup, Between) => {
            v.push(one(
                Markup,
                "D506",
                3,
                select(&["[图片]", "[图片1]", "【图片】", "[视频]"][..]).prop_map(str::to_string),
            ));
            v.push(one(
                Markup,
                "D507",
                3,
                select(&["▼", "↓↓↓", "❀❀❀", "▲▲▲", "◆ ◆ ◆"][..]).prop_map(str::to_string),
            ));
        }
        (Markup, Footer) => {
            v.push(one(
                Markup,
                "D505",
                3,
                (
                    select(&["www", "news", "mp"][..]),
                    select(EN_PLACES),
                    digits(8),
                )
                    .prop_map(|(h, p, d)| {
                        format!("原文链接：https://{h}.{}.com/s/{d}", p.to_lowercase())
                    }),
            ));
        }
        _ => {}
    }
    v
}

pub fn shapes(family: Family, place: Place, lang: Lang) -> Vec<Shape> {
    let simplified = simplified(family, place);
    if lang != Lang::Traditional {
        return simplified;
    }
    simplified
        .into_iter()
        .map(|(code, s)| {
            let s = s.prop_map(|mut d| {
                // OpenCC writes 贊; pages write the "like" of their buttons 讚.
                d.lines = d
                    .lines
                    .iter()
                    .map(|l| to_traditional(l).replace('贊', "讚"))
                    .collect();
                d
            });
            (code, s.boxed())
        })
        .chain(super::hant::shapes(family, place))
        .collect()
}
