//! Chinese news, government and portal pages (Simplified forms, with the Traditional form
//! of a character where it costs one class).

use super::frag::{any, names, BULLET, CLOSE, DATE, OPEN, SEP, TIME};
use crate::stages::debris::catalog::*;
use crate::stages::debris::engine::{Follow, Pattern};
use crate::stages::debris::zones::Zone;

/// Roles of a byline that may follow an organisation name (`本报记者`, `澎湃新闻记者`).
const BYLINE_ROLES: &[&str] = &[
    "记者",
    "記者",
    "通讯员",
    "通訊員",
    "实习生",
    "實習生",
    "特约记者",
    "特約記者",
    "撰稿人?",
    "撰文",
    "作者",
    "摄影记者",
    "攝影記者",
    "见习记者",
    "見習記者",
];
/// One-character or generic roles that need a separator (`文｜某某`, `朗读｜某某`).
const SHORT_ROLES: &[&str] = &[
    "文", "图", "圖", "文字", "译", "譯", "摄影", "攝影", "摄像", "攝像", "朗读", "朗讀", "主播",
    "配音", "视频", "視頻", "音频", "音頻", "排版", "设计", "設計", "美编", "美編", "制图", "製圖",
    "整理", "翻译", "翻譯", "口述", "插画", "插畫", "漫画", "剪辑", "剪輯",
];
const EDITOR_ROLES: &[&str] = &[
    "责任编辑",
    "責任編輯",
    "责编",
    "責編",
    "编辑",
    "編輯",
    "网站编辑",
    "網站編輯",
    "网络编辑",
    "图片编辑",
    "圖片編輯",
    "美术编辑",
    "美術編輯",
    "视觉编辑",
    "文字编辑",
    "值班编辑",
    "实习编辑",
    "新媒体编辑",
    "编审",
    "編審",
    "审核",
    "審核",
    "审校",
    "審校",
    "审稿",
    "校对",
    "校對",
    "监制",
    "監製",
    "终审",
    "終審",
    "初审",
    "二审",
    "三审",
    "复审",
    "统筹",
    "統籌",
    "主编",
    "主編",
    "执行主编",
    "策划",
    "策劃",
    "出品人",
    "制片人",
    "图片",
    "圖片",
    "视觉",
    "視覺",
    "设计",
    "設計",
    "排版",
    "制作",
    "製作",
    "文编",
    "美编",
    "美編",
    "运营",
    "運營",
];
/// Keys of metadata fields that only a page header or footer uses.
#[rustfmt::skip]
const META_KEYS: &[&str] = &[
    "发布时间", "發佈時間", "發布時間", "发表时间", "發表時間", "发布日期", "發佈日期", "發布日期",
    "更新时间", "更新時間", "来源", "來源", "文章来源", "文章來源", "稿件来源", "信息来源", "稿源",
    "浏览次数", "瀏覽次數", "阅读次数", "閱讀次數", "阅读量", "閱讀量", "浏览量", "点击数",
    "點擊數", "点击量", "访问量", "索引号", "索引號", "发布机构", "發布機構", "发文机关",
    "發文機關", "发文字号", "發文字號", "成文日期", "主题分类", "主題分類", "公文种类", "发布者",
    "发布人",
];
/// Keys that a notice body uses too (`时间：5月1日上午9时` of an event is content): these
/// fields count only in the header, or together with a key of `META_KEYS`.
#[rustfmt::skip]
const WEAK_META_KEYS: &[&str] = &[
    "时间", "時間", "日期", "作者", "点击", "點擊", "字号", "字號", "出处", "出處", "编号", "編號",
];

pub fn patterns() -> Vec<Pattern> {
    let names = names();
    let byline_roles = any(BYLINE_ROLES);
    let short_roles = any(SHORT_ROLES);
    let editor_roles = any(EDITOR_ROLES);
    let meta_keys = any(META_KEYS);
    let all_meta_keys = format!("(?:{meta_keys}|{})", any(WEAK_META_KEYS));
    let credit_name = format!(r"(?:\p{{Han}}{{0,10}}(?:记者|記者|通讯员|通訊員)\s*)?{names}");
    let photo = r"(?:摄|攝|摄影|攝影|拍摄|拍攝|绘|繪|制图|製圖)";
    vec![
        // D605
        Pattern::line(&LINK_LIST, format!(r"{OPEN}(?:友情链接|友情鏈接|相关链接|相關鏈接|热门专题|熱門專題|合作媒体|合作媒體|网站链接|站点导航){CLOSE}\s*[:：]?")).max(12),
        // D101: the HTML title with a site or channel suffix.
        Pattern::line(&PAGE_TITLE, r".{2,60}?(?:\s*(?:_|\s[|｜\-–—]\s|[|｜])\s*[^_|｜]{1,24}?){0,2}\s*(?:_|\s[|｜\-–—]\s|[|｜])\s*[^_|｜]{0,16}(?:网|網|博客|新闻|新聞|日报|日報|晚报|晚報|报|報|频道|頻道|在线|在線|门户|官网|官網|论坛|論壇|社区|社區|客户端|客戶端|TV|\.com|\.cn)")
            .zone(Zone::Header)
            .max(90),
        // D102
        Pattern::line(&BREADCRUMB, format!(r"{BULLET}(?:当前位置|當前位置|您的位置|你的位置|所在位置|目前位置|現在位置|您现在的位置|当前页面)\s*[:：].*")).max(80),
        Pattern::line(&BREADCRUMB, format!(r"{BULLET}[^>›»＞，。！？:：]{{1,12}}(?:\s*[>›»＞]\s*[^>›»＞，。！？]{{1,16}}){{1,6}}\s*[>›»＞]?")).max(70),
        // D104
        Pattern::line(&PAGE_WIDGET, format!(r"(?:{OPEN}(?:打印(?:本页|此文|文章|本文)?|关闭(?:窗口|本页)?|關閉(?:視窗)?|返回顶部|回到顶部|返回頂部|回到頂部|TOP|收藏(?:本文|文章)?|加入收藏|我要举报|举报|舉報|我要纠错|纠错|查看更多|加载更多|載入更多|查看全部|更多|\+1|返回|返回列表|点击进入|進入專題){CLOSE}\s*){{1,6}}")).max(30),
        Pattern::line(&PAGE_WIDGET, format!(r"{OPEN}(?:字体|字號|字号|字體)\s*[:：]?\s*(?:[大中小默认認放缩縮T]\s*){{2,6}}{CLOSE}")).max(20),
        // D105
        Pattern::lead(&PREV_NEXT, r"(?:上一篇|下一篇|前一篇|后一篇|後一篇|上一页|下一页|上一頁|下一頁|上一条|下一条|上一則|下一則|上篇|下篇)\s*[:：]").max(80),
        Pattern::line(&PREV_NEXT, r"(?:上一篇|下一篇|上一页|下一页|上一頁|下一頁)").max(6),
        // D106
        Pattern::line(&AD_LABEL, format!(r"{OPEN}(?:广告|廣告|推广|推廣|赞助|贊助|商业推广|商業推廣|AD|Ad){CLOSE}")).max(8),
        // D108
        Pattern::line(&SKIP_LINK, r"跳[至到过過](?:主要)?(?:内容|內容|正文|导航|導覽列?)").max(12),
        // D109
        Pattern::line(&WIDGET_BAR, {
            let item = r"(?:阅读|閱讀|浏览|瀏覽|评论|評論|收藏|转载|轉載|转发|轉發|喜欢|喜歡|点赞|點讚|在看|赞|讚|打印|举报|舉報|分享|回复|回覆|顶|踩)\s*(?:[(（]?\s*\d*\s*[)）]?)?\s*[▼▲]?";
            format!(r"{item}(?:\s*[┊|｜·•/]?\s*{item}){{1,10}}")
        }).max(100),
        // D110
        Pattern::line(&ISSUE_NUMBER, r".{0,16}?\s*第\s*\d+\s*期").zone(Zone::Header).max(24),
        // D202
        Pattern::line(&PHOTO_CREDIT, format!(r"{OPEN}{credit_name}\s*[/／]?\s*{photo}{CLOSE}")).max(32),
        Pattern::line(&PHOTO_CREDIT, format!(r"{OPEN}\p{{Han}}{{2,16}}(?:供图|供圖|提供图片|提供圖片){CLOSE}")).max(24),
        Pattern::line(&PHOTO_CREDIT, format!(r"{OPEN}(?:图片来源|圖片來源|图片来自|圖片來自|图片|圖片|图源|圖源|图|圖|照片|摄影|攝影|题图|題圖|头图|頭圖|封面图|封面圖|配图|配圖|摄|攝)\s*[:：|｜/／]\s*[^，。！？]{{1,30}}{CLOSE}")).max(40),
        Pattern::line(&PHOTO_CREDIT, format!(r"{OPEN}(?:资料图片?|資料圖片?|资料照片|網絡圖片|网络图片|网图|图片来自网络|圖片來自網絡|示意图|示意圖|新华社发|新華社發|(?:新华社|中新社|新華社)记者\s*{names}\s*摄){CLOSE}")).max(24),
        // D201
        // A role after an organisation name (`澎湃新闻记者 周然`) is set off from the names by
        // a space or separator: glued to both sides it is inside a compound word
        // (`…社区工作者举办…`), not a byline.
        Pattern::line(&BYLINE, format!(r"[□■◆◇●○☆★]?\s*(?:(?:本报|本報|本台|本刊|本网|本網)?{byline_roles}\s*[:：|｜/／]?\s*|\p{{Han}}{{1,8}}?{byline_roles}(?:\s+|{SEP})){names}(?:\s*(?:{byline_roles}|{short_roles})\s*[:：|｜/／]?\s*{names})*")).max(50),
        Pattern::line(&BYLINE, format!(r"[□■◆◇●○☆★]?\s*{short_roles}{SEP}{names}(?:\s*(?:{byline_roles}|{short_roles}|{editor_roles}){SEP}{names})*")).max(50),
        Pattern::line(&BYLINE, format!(r"[（(〔\[]\s*(?:{byline_roles})\s*{names}(?:\s*(?:{byline_roles})\s*{names})*\s*[）)〕\]]")).max(40),
        // D203
        Pattern::line(&CAPTION_WITH_CREDIT, format!(r".{{2,60}}?(?:[。.！!]\s*|\s+)(?:{credit_name}\s*[/／]?\s*(?:摄|攝)|\p{{Han}}{{2,16}}(?:供图|供圖)|(?:图|圖)\s*[/／:：]\s*\p{{Han}}{{2,12}}){CLOSE}")).max(80),
        // D204: captions marked as such.
        Pattern::line(&IMAGE_CAPTION, r"[▲△↑⬆]\s*.{2,80}").max(80),
        Pattern::line(&IMAGE_CAPTION, format!(r"{OPEN}(?:图为|圖為|图说|圖說|图注|圖註|上图|上圖|下图|下圖|左图|右图)\s*[:：]?\s*.{{2,80}}")).max(90),
        // D205
        Pattern::line(&EDITOR_LINE, format!(r"{OPEN}(?:{editor_roles}{SEP}{names}\s*)+{CLOSE}")).max(60),
        Pattern::line(&EDITOR_LINE, format!(r"[（(【\[]\s*(?:{editor_roles})\s+{names}\s*[）)】\]]")).max(30),
        // D206
        Pattern::line(&SOURCE_CREDIT, r"\p{Han}{2,20}(?:供稿|来稿|來稿|出品|供稿单位)").max(24),
        Pattern::line(&SOURCE_CREDIT, r"(?:本文)?(?:转载自|轉載自|转自|轉自|摘自|选自|選自|原文来自|原載於|原载于|原载|原載|本文来源|本文來源|转载来源)\s*[:：]?\s*[^，。！？]{1,40}").max(50),
        // D207
        Pattern::line(&METADATA_LINE, format!(r"{BULLET}{OPEN}(?:{all_meta_keys}{SEP}[^，。！？；]{{0,40}}?\s*)*{meta_keys}{SEP}[^，。！？；]{{0,40}}?(?:\s*{all_meta_keys}{SEP}[^，。！？；]{{0,40}}?)*{CLOSE}")).max(100),
        Pattern::line(&METADATA_LINE, format!(r"{BULLET}{OPEN}(?:{all_meta_keys}{SEP}[^，。！？；]{{0,40}}?\s*)+{CLOSE}")).zone(Zone::Header).max(100),
        Pattern::line(&METADATA_LINE, format!(r"{OPEN}{DATE}\s*{TIME}{CLOSE}(?:\s*[^，。！？；]{{0,50}})?")).max(90),
        Pattern::line(&METADATA_LINE, format!(r"{OPEN}{DATE}{CLOSE}\s*(?:{meta_keys}{SEP}[^，。！？；]{{0,40}}?\s*)+")).max(90),
        Pattern::line(&METADATA_LINE, format!(r"{OPEN}{DATE}{CLOSE}(?:\s*(?:星期|周|週)[一二三四五六日天])?")).zone(Zone::Header).max(24),
        // D208
        Pattern::line(&TAG_LINE, r"(?:标签|標籤|標簽|关键词|關鍵詞|关键字|關鍵字|相关字词|相關字詞|主题词|主題詞|分类|分類|栏目|欄目|所属专题|專題)\s*[:：﹕|｜]\s*.{1,80}").max(100),
        Pattern::line(&TAG_LINE, r"(?:#[^#\s，。！？]{1,20}#?\s*){1,10}").max(80),
        // D209
        Pattern::lead(&AUTHOR_BIO, r"(?:作者简介|作者簡介|作者介绍|作者介紹|关于作者|關於作者)\s*[:：|｜]?").zone(Zone::Footer).max(400),
        // D301
        Pattern::lead(&COPYRIGHT, r"(?:版权声明|版權聲明)\s*[:：]|(?:版权所有|版權所有)(?:[^者人權权]|$)|Copyright\s*(?:©|\([Cc]\)|（[Cc]）|\d{4})|©\s*(?:\d{4}|[A-Za-z\p{Han}])").max(300),
        Pattern::line(&COPYRIGHT, r"[^。！？]{0,40}(?:(?:版权所有|版權所有)(?:[^者人权權]|$)|All [Rr]ights [Rr]eserved|Copyright|©)[^。！？]{0,60}[。.]?").zone(Zone::Edges).max(100),
        // D302
        Pattern::lead(&REPRINT_BAN, r"(?:未经|未經)\S{0,8}?(?:授权|授權|许可|許可|同意)\S{0,6}?[，,、]?\s*(?:不得|禁止|严禁|嚴禁|请勿|請勿|不可)\S{0,4}?(?:转载|轉載|使用|复制|複製|摘编|摘編)").max(200),
        Pattern::line(&REPRINT_BAN, r".{0,24}?(?:未经|未經).{0,10}(?:不得|禁止|严禁|嚴禁|请勿|請勿)(?:转载|轉載).{0,40}").zone(Zone::Edges).max(70),
        Pattern::lead(&REPRINT_BAN, r"(?:转载请注明|轉載請註明|转载请联系|轉載請聯繫|如需转载|如需轉載|欢迎转载|歡迎轉載|本文(?:系|为|為)\p{Han}{0,10}原创|本文為\p{Han}{0,10}原創)").zone(Zone::Edges).max(120),
        // D304
        Pattern::lead(&PLATFORM_STATEMENT, r"本文来自\s*[【\[《「]|本文來自\s*[【\[《「]|.{0,30}提供信息发布传播服务|本文由.{1,24}(?:入驻|簽約|签约)?作者?(?:撰写|撰寫|发布|發布)").zone(Zone::Edges).max(200),
        Pattern::line(&PLATFORM_STATEMENT, r"ID\s*[:：]\s*[A-Za-z0-9_\-]{2,30}").zone(Zone::Edges).max(36),
        // D303
        Pattern::lead(&DISCLAIMER, r"(?:免责声明|免責聲明|特别声明|特別聲明|郑重声明|鄭重聲明|声明|聲明)\s*[:：]").zone(Zone::Edges).max(400),
        Pattern::lead(&DISCLAIMER, r"(?:本文|本站|本网|本網|本网站|本網站|文章|以上内容|以上內容|该文|此文|本平台)[^。]{0,30}?(?:仅代表|僅代表|不代表|只代表)").zone(Zone::Edges).max(300),
        Pattern::lead(&DISCLAIMER, r"(?:如有侵权|如有侵權|如涉及侵权|如涉侵权|若有侵权|如有版权问题|如有版權問題|如涉及版权|如有不妥)").zone(Zone::Edges).max(100),
        // D305
        Pattern::line(&ICP_FOOTER, r".{0,60}(?:ICP\s*[备備证證]|公网安备|公網安備|网站标识码|網站標識碼|新闻信息服务许可证|新聞信息服務許可證|增值电信业务经营许可证|网络文化经营许可证|信息网络传播视听节目许可证|违法和不良信息举报).{0,60}").max(140),
        // D306: only with a footer neighbour (see structure.rs).
        Pattern::line(&SITE_FOOTER, r"(?:(?:主办|主辦|承办|承辦|协办|協辦|技术支持|技術支持|运营|運營|运维|運維|维护|維護|主管|设计制作|版权所有|地址|联系电话|聯繫電話|电话|電話|邮编|郵編|传真|傳真|E-?mail|邮箱|郵箱)(?:单位|單位)?\s*[:：]\s*[^，。！？]{1,40}?\s*)+").zone(Zone::Footer).max(120),
        // D402: QR prompts (the account name after them goes too).
        Pattern::line(&QR_PROMPT, r"[^。！？，]{0,16}(?:二维码|二維碼|扫一扫|掃一掃|扫码|掃碼|扫描|掃描)[^。！？，]{0,20}").max(30).follow(Follow::NextName),
        // D403
        Pattern::line(&FOLLOW_PROMPT, r"(?:点击|點擊|点|點|戳)\s*(?:上方|上面|下方|标题下|標題下)?\s*(?:蓝字|藍字|蓝色字|藍色字|“[^”]{1,16}”|「[^」]{1,16}」)?\s*(?:一键|一鍵)?(?:关注|關注)[^。！？]{0,16}").max(30),
        Pattern::line(&FOLLOW_PROMPT, r"(?:欢迎|歡迎|记得|記得|别忘了|長按|长按)?\s*(?:关注|關注)\s*(?:我们|我們|本号|本號|本公众号|公众号|公眾號)[^。！？]{0,12}").max(24),
        // D411
        Pattern::line(&TIP_LINE, r".{0,12}?(?:报料|爆料|報料|新闻热线|新聞熱線|投稿邮箱|投稿信箱|投稿郵箱|投稿热线|投稿熱線|举报电话|舉報電話|采访热线)(?:热线|熱線|电话|電話|邮箱|郵箱)?\s*[:：]?\s*[0-9A-Za-z@._+\-()（） ]{5,40}").max(60),
        // D601
        Pattern::line(&END_MARKER, r"[（(【\[]\s*(?:完|全文完|本文完|结束|結束)\s*[）)】\]]|[-—–~～=]+\s*(?:完|全文完)\s*[-—–~～=]+").max(12),
        // D603
        Pattern::line(&RELATED_BLOCK, format!(r"{OPEN}(?:相关阅读|相關閱讀|相关新闻|相關新聞|相关文章|相關文章|相关报道|相關報導|相关推荐|相關推薦|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀|往期推荐|往期推薦|往期回顾|往期回顧|往期精选|往期精選|往期精彩|精彩推荐|精彩推薦|热门推荐|熱門推薦|热门文章|熱門文章|热点推荐|猜你喜欢|猜你喜歡|你可能还喜欢|你可能也喜歡|更多精彩|更多阅读|更多閱讀|更多新闻|更多新聞|热文推荐|看更多|相关专题|相關專題|今日推荐|每日关注|大家都在看|编辑推荐|編輯推薦|点击排行|點擊排行|热门排行)\s*[:：]?{CLOSE}")).max(20),
        Pattern::line(&RELATED_BLOCK, r"【[^】]{2,8}】").zone(Zone::Footer).max(10),
        Pattern::line(&RELATED_BLOCK, r"\p{Han}{2,8}(?:精选|精選|推荐|推薦|排行|排行榜|热点|熱點|速览|速覽)\s*[:：]?").zone(Zone::Edges).max(12),
        // D604
        Pattern::line(&ATTACHMENT_LINK, r".{0,20}?(?:附件下载|附件下載|下载附件|下載附件|点击下载|點擊下載|相关附件下载).{0,80}").max(100),
        Pattern::line(&ATTACHMENT_LINK, r".{1,60}\.(?i:xlsx?|docx?|pdf|zip|rar|wps|pptx?|csv|ofd)\s*[（(]\s*\d+(?:\.\d+)?\s*[KkMmGg]?[Bb]\s*[）)]").max(120),
        // D103: rows of menu words at the page edges; well-known menu words anywhere.
        Pattern::line(&NAV_MENU, r"\p{Han}{1,4}(?:\s+\p{Han}{1,4}){3,14}").zone(Zone::Edges).max(80),
        Pattern::line(&NAV_MENU, r"[^|｜┊，。！？]{1,10}(?:\s*[|｜┊]\s*[^|｜┊，。！？]{1,10}){2,14}").zone(Zone::Edges).max(120),
        Pattern::line(&NAV_MENU, {
            let w = r"(?:友情链接|友情鏈接|首页|首頁|网站首页|網站首頁|返回首页|网站地图|網站地圖|联系我们|聯絡我們|聯繫我們|联系方式|关于我们|關於我們|使用帮助|使用幫助|帮助中心|意见反馈|意見反饋|隐私政策|隱私權政策|隱私政策|免责声明|免責聲明|法律声明|法律聲明|服务条款|服務條款|加入我们|招聘信息|广告服务|廣告服務|投稿指南|网站导航|網站導航|无障碍|無障礙|English|设为首页|加入收藏)";
            format!(r"{w}(?:\s*[|｜·/┊]?\s*{w}){{0,12}}")
        }).max(80),
    ]
}

#[cfg(test)]
pub(crate) const POSITIVE: &[(&str, &str)] = &[
    ("D101", "老街的最后一个冬天_青石的博客_新浪博客"),
    ("D101", "多城优化公积金政策｜澎湃新闻"),
    // What normalize makes of the line above (U104 folds the full-width bar).
    ("D101", "多城优化公积金政策|澎湃新闻"),
    ("D102", "當前位置：首頁 > 地方 > 正文"),
    ("D103", "關於我們 | 隱私政策"),
    ("D102", "中新网 > 文化 > 正文"),
    ("D102", "当前位置：首页 > 政务公开 > 通知公告"),
    ("D102", "• 党建网 > 基层党建"),
    ("D103", "首页 要闻 财经 思想 生活 视频"),
    ("D103", "网站地图 | 联系我们 | 使用帮助"),
    ("D103", "友情链接 网站地图"),
    ("D104", "【打印】【关闭】"),
    ("D104", "【字体：大 中 小】"),
    ("D104", "返回顶部"),
    ("D104", "+1"),
    ("D105", "上一篇：天文台：本周后期天气转凉"),
    ("D105", "后一篇：年终总结"),
    ("D106", "广告"),
    ("D109", "阅读(1136) ┊ 评论 (12) ┊ 收藏(3) ┊ 转载(5) ┊ 喜欢▼ ┊ 打印 ┊ 举报"),
    ("D110", "诗歌荐读 第218期"),
    ("D201", "□记者 李梦颀 通讯员 王佳仪"),
    ("D201", "本报记者 吴越 通讯员 钱程"),
    ("D201", "澎湃新闻记者 周然 实习生 许可"),
    ("D201", "文｜林溪"),
    ("D201", "本报记者张三"),
    ("D201", "新华社记者：李梦颀"),
    ("D201", "朗读｜周雨"),
    ("D202", "汤学安 摄"),
    ("D202", "受访者供图"),
    ("D202", "本报记者 徐杰 摄"),
    ("D202", "图片来源：视觉中国"),
    ("D202", "（资料图）"),
    ("D203", "东园一居民区。陆家嘴街道供图"),
    ("D203", "徐汇滨江市民食堂。 人民网记者 王文娟摄"),
    ("D204", "▲官河夜市开市首晚，游客在老街上逛吃"),
    ("D204", "图为市民在展厅参观。"),
    ("D205", "【编辑：刘欢】"),
    ("D205", "（责编：唐小丽、轩召强）"),
    ("D205", "网站编辑：白 梦洁"),
    ("D205", "责任编辑：钟煜豪 图片编辑：蒋立冬"),
    ("D205", "审核 | 王磊"),
    ("D206", "松江组工供稿"),
    ("D206", "党建网出品"),
    ("D206", "转载自：某某晚报"),
    ("D207", "发布时间：2024-02-20 来源：市人社局 浏览次数："),
    ("D207", "2024年04月21日 16:05 来源：中国新闻网"),
    ("D207", "来源：法治日报 作者：记者 孙静 2024-05-09"),
    ("D207", "(2012-12-21 22:14:05)"),
    ("D207", "来源：【人民网】"),
    ("D207", "索引号：11330100002487654X/2024-00213 发布机构：市人力资源和社会保障局"),
    ("D208", "标签：老街 拆迁 杂谈"),
    ("D208", "#楼市 #公积金"),
    ("D209", "作者简介：林溪，浙江绍兴人，中学教师，作品散见于多种文学期刊。"),
    ("D301", "版权声明：本网站所刊登的各种新闻、信息和各种专题专栏资料，均为某网版权所有，未经协议授权，禁止下载使用。"),
    ("D301", "Copyright © 2024 某某网 版权所有"),
    ("D302", "未经授权禁止转载、摘编、复制及建立镜像，违者将依法追究法律责任。"),
    ("D302", "澎湃新闻，未经授权不得转载"),
    ("D303", "本网站所刊载信息，不代表中新社和中新网观点。刊用本网站稿件，务经书面授权。"),
    ("D303", "免责声明：本文仅供参考，不构成投资建议。"),
    ("D304", "本文来自【人民网】，仅代表作者观点。全国党媒信息公共平台提供信息发布传播服务。"),
    ("D304", "ID:jrtt"),
    ("D305", "网站标识码：3301000001 浙ICP备05012345号 浙公网安备 33010502000123号"),
    ("D306", "主办单位：某市人民政府办公厅 承办单位：某市数据资源管理局"),
    ("D402", "扫一扫在手机打开当前页"),
    ("D402", "长按二维码关注"),
    ("D403", "点击上方蓝字关注我们"),
    ("D403", "点击蓝字 关注我们"),
    ("D411", "报料热线：020-12345678"),
    ("D411", "澎湃新闻报料：021-962866"),
    ("D601", "（完）"),
    ("D603", "相关阅读"),
    ("D603", "往期推荐"),
    ("D604", "附件下载：企业稳岗补贴申请表.xls（28KB）"),
    ("D605", "友情链接"),
];

#[cfg(test)]
pub(crate) const NEGATIVE: &[&str] = &[
    "转载注明“来源：网络”能免责吗？法院：不能",
    "来源于网络的图片，并不意味着可以随意使用。",
    "版权保护意识的提升，需要平台、创作者和使用者共同努力。",
    "“来源：网络”这样的标注，并不能免除转载者的侵权责任。",
    "版权所有者有权禁止他人未经许可使用作品。",
    "附件：企业稳岗补贴申请表",
    "杭州市人力资源和社会保障局",
    "受理点 地址 咨询电话",
    "上城区 解放东路18号 0571-87011234",
    "以大走访促发展 以大排查保安全",
    "解难题 促发展 保安全",
    "关注老年人健康",
    "市民可扫码预约参观。",
    "本报讯（记者 张三）5月1日，某市举行了一场活动，吸引了众多市民参加。",
    "新华社北京5月1日电 某部门日前发布通知，要求各地做好相关工作。",
    "我哭了。",
    "等一场雨落在青瓦上",
    "展览将持续至8月底，市民可通过微信公众号免费预约参观。",
    "把握区域治理“关键点”，",
    "万里鹏程·人才引育项目",
    "时间：2024年5月1日上午9时",
    "作者在书中回忆了自己的童年。",
    "南湖街道社区工作者开展文艺汇演",
    "北岸社區工作者舉辦文化節",
    "青年记者走进乡村课堂",
];
