//! Shapes only Taiwan and Hong Kong portals print, already in Traditional forms:
//! `記者王小明／台北報導`, `（圖／中央社）`, LINE and fan-page prompts, `延伸閱讀` lists.

use proptest::prelude::*;
use proptest::sample::select;

use super::zh::headline;
use super::{many, one, Place, Shape};
use crate::testing::prose::to_traditional;
use crate::testing::words::*;
use crate::testing::Family;

/// The Taiwan and Hong Kong shapes of `family` at `place`.
pub fn shapes(family: Family, place: Place) -> Vec<Shape> {
    use Family::*;
    use Place::*;
    let mut v = Vec::new();
    let city = || select(&["台北", "高雄", "台中", "香港", "新竹"][..]);
    match (family, place) {
        (Metadata, Header) => {
            v.push(one(
                Metadata,
                "D201",
                0,
                (zh_name(), city(), any::<bool>()).prop_map(|(n, c, bracket)| {
                    if bracket {
                        format!("〔記者{n}／{c}報導〕")
                    } else {
                        format!("記者{n}／{c}報導")
                    }
                }),
            ));
        }
        (PhotoCredit, Between) => {
            v.push(one(
                PhotoCredit,
                "D202",
                3,
                (
                    select(&["中央社", "翻攝自臉書", "記者攝", "本報資料照"][..]),
                    any::<bool>(),
                )
                    .prop_map(|(s, paren)| {
                        if paren {
                            format!("（圖／{s}）")
                        } else {
                            format!("圖／{s}")
                        }
                    }),
            ));
        }
        (Editor, Footer) => {
            v.push(one(
                Editor,
                "D205",
                1,
                zh_name().prop_map(|n| format!("責任編輯：{n}")),
            ));
        }
        (Notice, Footer) => {
            v.push(one(
                Notice,
                "D301",
                5,
                select(&["版權所有，翻印必究", "版權所有 不得轉載"][..]).prop_map(str::to_string),
            ));
        }
        (Social, Footer) => {
            v.push(one(
                Social,
                "D403",
                4,
                (
                    select(&["加入", "追蹤"][..]),
                    select(&["LINE好友", "粉絲團", "YouTube頻道"][..]),
                    select(&["，新聞不漏接", "，掌握最新消息", ""][..]),
                )
                    .prop_map(|(a, b, c)| format!("{a}{b}{c}")),
            ));
        }
        (Lists, Footer) => {
            v.push(many(
                Lists,
                "D603",
                9,
                (
                    select(&["延伸閱讀", "相關新聞", "看更多"][..]),
                    proptest::collection::vec(headline().prop_map(|h| to_traditional(&h)), 1..4),
                )
                    .prop_map(|(h, titles)| std::iter::once(h.to_string()).chain(titles).collect()),
            ));
        }
        _ => {}
    }
    v
}
