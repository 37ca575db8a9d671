//! Taiwan and Hong Kong portals: Traditional forms and the chrome peculiar to them
//! (報導 bylines with a slash, LINE/粉絲團 prompts, 「延伸閱讀」 lists).

use super::frag::{names, CLOSE, OPEN};
use crate::stages::debris::catalog::*;
use crate::stages::debris::engine::Pattern;
use crate::stages::debris::zones::Zone;

pub fn patterns() -> Vec<Pattern> {
    let names = names();
    vec![
        // D201: 記者王小明／台北報導, （中央社記者王小明台北23日電） stays because it opens the lede.
        Pattern::line(&BYLINE, format!(r"[〔\[【(（]?\s*(?:\p{{Han}}{{0,8}}?)(?:記者|记者|實習記者|特派員|特派员)\s*{names}\s*[／/]\s*\p{{Han}}{{2,6}}(?:報導|报导|報道|综合报导|綜合報導)\s*[〕\]】)）]?")).max(40),
        Pattern::line(&BYLINE, format!(r"[〔\[【(（]?\s*(?:記者|编译|編譯|綜合報導|综合报导|國際中心|國際新聞中心)\s*[／/]?\s*{names}?\s*[／/]?\s*(?:綜合報導|综合报导|編譯|报导|報導)\s*[〕\]】)）]?")).max(30),
        // D202
        Pattern::line(&PHOTO_CREDIT, format!(r"{OPEN}(?:圖|图|照片|影片)\s*[／/:：]\s*[^，。！？]{{1,30}}{CLOSE}")).max(40),
        Pattern::line(&PHOTO_CREDIT, format!(r"{OPEN}(?:翻攝|翻摄)\s*.{{1,24}}{CLOSE}")).max(30),
        // D205
        Pattern::line(&EDITOR_LINE, format!(r"{OPEN}(?:責任編輯|責編|編輯|核稿編輯|主編|審稿)\s*[:：/／｜|]\s*{names}\s*{CLOSE}")).max(30),
        // D208
        Pattern::line(&TAG_LINE, r"(?:相關字詞|相關標籤|關鍵字|熱門標籤)\s*[:：﹕]\s*.{1,80}").max(100),
        // D301
        Pattern::line(&COPYRIGHT, r".{0,30}(?:版權所有|版权所有).{0,10}(?:翻印必究|不得轉載|不得轉貼|禁止轉載|請勿轉載).{0,40}").max(80),
        // D303
        Pattern::lead(&DISCLAIMER, r"(?:本文(?:經|经)授權轉載|本文(?:經|经)授权转载|以上言論僅代表|本文觀點不代表)").zone(Zone::Edges).max(200),
        // D401, D403, D404: LINE, fan page, app and newsletter prompts.
        Pattern::line(&SHARE_PROMPT, r"(?:分享|分享到|分享至)?\s*(?:Facebook|FB|LINE|Line|Twitter|X|WhatsApp|微博|微信|Email|複製連結|複製網址|列印)(?:\s*[、,，|｜]?\s*(?:Facebook|FB|LINE|Line|Twitter|X|WhatsApp|微博|微信|Email|複製連結|複製網址|列印|分享))*").max(50),
        Pattern::line(&FOLLOW_PROMPT, r".{0,10}?(?:加入|追蹤|追踪|按讚|按赞|訂閱|订阅)\s*.{0,12}?(?:LINE|Line|粉絲團|粉丝团|粉專|臉書|脸书|Facebook|IG|Instagram|YouTube|頻道|頻道|好友|官方帳號|官方帐号).{0,16}").max(40),
        Pattern::line(&NEWSLETTER_PROMPT, r".{0,10}?(?:訂閱|订阅)\s*(?:電子報|电子报|新聞信|本刊|我們|我们).{0,20}|(?:下載|下载)\s*.{0,10}(?:APP|App|app|客戶端|客户端).{0,20}").max(40),
        // D603
        Pattern::line(&RELATED_BLOCK, format!(r"{OPEN}(?:延伸閱讀|相關新聞|相關報導|更多新聞|更多報導|熱門新聞|推薦閱讀|看更多|點我看更多|更多相關新聞|即時新聞|最新新聞|編輯推薦|熱門點閱|你可能也想看|猜你喜歡)\s*[:：]?{CLOSE}")).max(20),
        // D604
        Pattern::line(&ATTACHMENT_LINK, r".{0,20}?(?:附件下載|檔案下載|點此下載|下載檔案).{0,80}").max(100),
    ]
}

#[cfg(test)]
pub(crate) const POSITIVE: &[(&str, &str)] = &[
    ("D201", "記者王小明／台北報導"),
    ("D201", "〔記者陳大文／綜合報導〕"),
    ("D202", "（圖／中央社）"),
    ("D202", "圖／翻攝自臉書"),
    ("D205", "責任編輯：林美華"),
    ("D208", "相關字詞﹕唐樓 活化 深水埗 社區客廳"),
    ("D301", "明報網站 版權所有 不得轉載 Copyright (C) 2024"),
    ("D301", "版權所有，翻印必究"),
    ("D303", "本文經授權轉載自某某雜誌，未經同意不得轉載。"),
    ("D401", "Facebook 分享 LINE"),
    ("D403", "加入LINE好友，新聞不漏接"),
    ("D404", "訂閱電子報"),
    ("D603", "延伸閱讀"),
    ("D603", "看更多"),
    ("D604", "附件下載：申請表.pdf"),
];

#[cfg(test)]
pub(crate) const NEGATIVE: &[&str] = &[
    "【明報專訊】深水埗一幢有七十年歷史的唐樓，經過兩年活化工程，日前重新開放。",
    "（中央社記者王小明台北23日電）勞動部今天表示，將研議修正颱風假規定。",
    "唐樓活化成社區客廳 街坊：終於有地方坐下傾偈",
    "機構計劃下月起增設晚間時段，方便放工後的街坊使用。",
    "他在臉書上說，會繼續追蹤這個議題。",
    "勞動部強調，雇主不得因勞工在颱風天未出勤而扣發全勤獎金。",
];
