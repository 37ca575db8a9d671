//! Markup residue: image file names, placeholders, bare URLs and ornament lines. The inline
//! markup rules (markdown markers, HTML tags and entities) live in `inline.rs`.

use super::frag::BULLET;
use crate::stages::debris::catalog::*;
use crate::stages::debris::engine::Pattern;
use crate::stages::debris::zones::Zone;

pub fn patterns() -> Vec<Pattern> {
    vec![
        // D501
        Pattern::line(&IMAGE_FILENAME, format!(r"{BULLET}[\w\-.%()~+]+\.(?i:png|jpe?g|gif|webp|bmp|svg|tiff?|heic|avif)")).max(100),
        // D505
        Pattern::line(&URL_LINE, r"(?:(?:原文链接|原文鏈接|原文地址|文章链接|文章鏈接|本文链接|本文鏈接|文章網址|Link|URL|Source)\s*[:：]?\s*)?(?:https?://|www\.)\S+").zone(Zone::Edges).max(400),
        // D506
        Pattern::line(&IMAGE_PLACEHOLDER, r"[\[【（(]\s*(?:图片|圖片|图|圖|配图|image|Image|IMAGE|img|photo|Photo|视频|視頻|video|Video)\s*\d*\s*[\]】）)]|!\[[^\]]*\]\([^)]*\)").max(400),
        // D507
        Pattern::line(&DECORATION, r"[\s·•~～]*[▼▲▽△↓↑⬇⬆❀✿❤♥☆★◆◇●○■□▶►◀◤◥◣◢♡♪♫][▼▲▽△↓↑⬇⬆❀✿❤♥☆★◆◇●○■□▶►◀◤◥◣◢♡♪♫\s·•~～]*").max(40),
    ]
}

#[cfg(test)]
pub(crate) const POSITIVE: &[(&str, &str)] = &[
    ("D501", "• banner1-1.png"),
    ("D501", "1.jpg"),
    ("D501", "IMG_2034.JPG"),
    ("D505", "https://www.example.com/news/202407230045.aspx"),
    ("D505", "原文链接：https://mp.example.com/s/abc"),
    ("D506", "[图片]"),
    ("D506", "![](https://img.example.com/a.png)"),
    ("D507", "▼"),
    ("D507", "↓↓↓"),
];

#[cfg(test)]
pub(crate) const NEGATIVE: &[&str] = &[
    "* * *",
    "———",
    "文件名为report.png的图片无法显示。",
    "访问 https://www.example.gov.cn 可以查询办理进度。",
    "（图片由受访者提供，已获授权）和正文连在一起的一句话。",
];
