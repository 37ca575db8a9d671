//! Word lists and the small generators debris and prose are built from: personal names,
//! dates, times, site and channel names. Every list mixes many entries so that a generated
//! line is never one fixed string.

use proptest::prelude::*;
use proptest::sample::select;

/// Surnames written the same in Simplified and Traditional Chinese.
pub const SURNAMES: &[&str] = &[
    "王", "李", "林", "周", "朱", "徐", "高", "郭", "何", "胡", "宋", "唐", "田", "石", "余", "杜",
    "丁", "潘", "方", "白", "江", "金", "崔", "程", "曹", "袁", "傅", "沈", "姚", "彭", "夏", "秦",
    "汪", "任", "姜", "谷", "欧阳", "司马",
];
/// Given-name characters written the same in both scripts.
pub const GIVEN: &[&str] = &[
    "明", "文", "英", "玉", "一", "山", "平", "安", "志", "雨", "雪", "佳", "晨", "宇", "天", "立",
    "思", "家", "美", "静", "珊", "琪", "君", "然", "清", "欣", "怡", "子", "浩", "若", "海", "秀",
    "春", "冬", "晴", "朗", "松", "青", "小", "光",
];
pub const EN_FIRST: &[&str] = &[
    "Hannah", "Maria", "James", "Oliver", "Priya", "Daniel", "Chloe", "Samuel", "Aisha", "Lucas",
    "Grace", "Tom", "Nadia", "Peter", "Elena", "Marcus", "Yuki", "Leah", "Omar", "Ruth",
];
pub const EN_LAST: &[&str] = &[
    "Price",
    "Okonkwo",
    "Fletcher",
    "Nguyen",
    "Patel",
    "Moreau",
    "Hughes",
    "Kowalski",
    "Santos",
    "Lindqvist",
    "Reyes",
    "Adeyemi",
    "Brennan",
    "Castillo",
    "Whitaker",
    "Tanaka",
    "Olsen",
];
/// What a Chinese headline says happened (headlines use the first five, link titles in
/// generated page chrome all of them).
pub const ZH_HEADLINE_EVENTS: &[&str] = &[
    "迎来新变化",
    "试点夜间服务",
    "改造老旧小区",
    "推出惠民措施",
    "举办文化节",
    "开展义诊活动",
    "新增公交线路",
    "修复百年老桥",
    "建设口袋公园",
];

/// Place names used in site names, credits and prose.
pub const PLACES: &[&str] = &[
    "江城", "临川", "南浦", "青石", "云岭", "东湖", "北塘", "西林", "柳溪", "海门", "石桥", "松原",
    "白沙", "金山", "平湖", "长乐", "安宁", "桐庐", "清河", "凤阳",
];
pub const EN_PLACES: &[&str] = &[
    "Northgate",
    "Harbour",
    "Riverside",
    "Westfield",
    "Ashford",
    "Millbrook",
    "Eastbay",
    "Kingsport",
    "Fairview",
    "Oakridge",
    "Lakeside",
    "Stonebridge",
];
/// Suffixes of a Chinese site or newspaper name.
pub const SITE_SUFFIXES: &[&str] = &[
    "日报",
    "晚报",
    "新闻网",
    "在线",
    "发布",
    "融媒",
    "都市报",
    "时报",
    "之声",
    "观察",
];
pub const EN_SITE_SUFFIXES: &[&str] = &[
    "News",
    "Times",
    "Post",
    "Herald",
    "Review",
    "Gazette",
    "Chronicle",
    "Daily",
];
/// Channel names of a breadcrumb or a menu (two characters, as menus print them).
pub const CHANNELS: &[&str] = &[
    "新闻", "要闻", "财经", "体育", "文化", "教育", "科技", "健康", "旅游", "汽车", "房产", "社会",
    "国际", "国内", "时政", "本地", "民生", "评论", "视频", "图片", "专题", "政务", "公告", "通知",
    "动态", "娱乐", "生活", "美食", "读书", "法治",
];
pub const EN_CHANNELS: &[&str] = &[
    "World",
    "Business",
    "Sport",
    "Culture",
    "Science",
    "Health",
    "Travel",
    "Opinion",
    "Politics",
    "Technology",
    "Weather",
    "Asia",
    "Europe",
    "Markets",
    "Books",
    "Music",
];
pub const PROVINCES: &[&str] = &[
    "浙江", "江苏", "广东", "四川", "湖南", "福建", "山东", "河南", "北京", "上海",
];
pub const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A Chinese personal name of two or three characters.
pub fn zh_name() -> impl Strategy<Value = String> {
    (
        select(SURNAMES),
        select(GIVEN),
        proptest::option::of(select(GIVEN)),
    )
        .prop_map(|(s, g, g2)| format!("{s}{g}{}", g2.unwrap_or("")))
}

/// One to three Chinese names separated by `、` or a space.
pub fn zh_names() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(zh_name(), 1..4),
        select(&["、", " "][..]),
    )
        .prop_map(|(names, sep)| names.join(sep))
}

/// An English personal name: first and last name.
pub fn en_name() -> impl Strategy<Value = String> {
    (select(EN_FIRST), select(EN_LAST)).prop_map(|(f, l)| format!("{f} {l}"))
}

/// A numeric date in one of the forms Chinese pages print: `2024-05-06`, `2024/5/6`,
/// `2024年5月6日`.
pub fn date() -> impl Strategy<Value = String> {
    (2009u32..2026, 1u32..13, 1u32..29, 0usize..3).prop_map(|(y, m, d, form)| match form {
        0 => format!("{y}-{m:02}-{d:02}"),
        1 => format!("{y}/{m}/{d}"),
        _ => format!("{y}年{m}月{d}日"),
    })
}

/// A clock time, `16:05` or `22:14:05`.
pub fn time() -> impl Strategy<Value = String> {
    (0u32..24, 0u32..60, proptest::option::of(0u32..60)).prop_map(|(h, m, s)| match s {
        Some(s) => format!("{h:02}:{m:02}:{s:02}"),
        None => format!("{h:02}:{m:02}"),
    })
}

/// An English date: `May 6, 2024` or `6 May 2024`.
pub fn en_date() -> impl Strategy<Value = String> {
    (select(MONTHS), 1u32..29, 2009u32..2026, any::<bool>()).prop_map(|(m, d, y, us)| {
        if us {
            format!("{m} {d}, {y}")
        } else {
            format!("{d} {m} {y}")
        }
    })
}

/// A Chinese site name: `江城日报`, `临川新闻网`.
pub fn zh_site() -> impl Strategy<Value = String> {
    (select(PLACES), select(SITE_SUFFIXES)).prop_map(|(p, s)| format!("{p}{s}"))
}

/// An English site name: `Northgate News`.
pub fn en_site() -> impl Strategy<Value = String> {
    (select(EN_PLACES), select(EN_SITE_SUFFIXES)).prop_map(|(p, s)| format!("{p} {s}"))
}

/// `n` distinct channel names from `list`, in a random order.
pub fn channels(
    list: &'static [&'static str],
    n: std::ops::Range<usize>,
) -> impl Strategy<Value = Vec<&'static str>> {
    proptest::sample::subsequence(list, n).prop_shuffle()
}
