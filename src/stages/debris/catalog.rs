//! The debris rules: one `RuleInfo` per rule, grouped by family.
//!
//! D1xx page chrome and navigation · D2xx bylines, credits, captions, editors, metadata ·
//! D3xx copyright, disclaimers, platform statements, site footers · D4xx share, QR,
//! subscribe, WeChat and forum chrome · D5xx markup residue and image file names ·
//! D6xx end markers, related-article and link lists · D9xx learned boilerplate (and the
//! codes users give their own rules).

use crate::rules::RuleInfo;

macro_rules! rule {
    ($ident:ident, $code:literal, $name:literal, $summary:literal, $explanation:literal) => {
        pub static $ident: RuleInfo = RuleInfo {
            code: $code,
            name: $name,
            summary: $summary,
            explanation: $explanation,
        };
    };
}

// ---- D1xx page chrome and navigation -------------------------------------------------
rule!(PAGE_TITLE, "D101", "page-title-site-suffix",
    "a page title carrying the site name (`标题_频道_某某网`, `Title | Site News`) at the top",
    "Scrapers often keep the HTML `<title>`: the headline followed by `_`, `|`, `｜` or ` - ` \
     and the channel or site name (`老街的最后一个冬天_青石的博客_新浪博客`). It only counts in the \
     header zone (before the first body paragraph) and when the last segment is short and names \
     a site, channel or blog; the real headline that usually follows is kept.");
rule!(
    BREADCRUMB,
    "D102",
    "breadcrumb-trail",
    "a navigation trail such as `首页 > 新闻 > 正文` or `当前位置：…`",
    "A line made of a few short segments joined by `>`, `›`, `»` or `/` (`中新网 > 文化 > 正文`, \
     `港聞 > 社會`), or one that starts with 当前位置/您的位置/You are here. The segments must be \
     short and carry no sentence punctuation, so a sentence that compares numbers with `>` stays."
);
rule!(NAV_MENU, "D103", "nav-menu-line",
    "a row of menu items (`首页 要闻 财经 视频`, `Home News Sport`, `网站地图 | 联系我们`)",
    "Site menus flatten into a line of four or more very short words separated by spaces, or \
     three or more separated by `|`, `｜`, `·` or `┊`, with no sentence punctuation. Only lines in \
     the header or footer zone count, so a table row inside the body (`受理点 地址 电话`) stays; \
     lines made only of well-known menu words (网站地图, 联系我们, 友情链接, Contact us) go anywhere.");
rule!(
    PAGE_WIDGET,
    "D104",
    "page-widget-label",
    "a lone widget label: 打印, 关闭, 返回顶部, 字体：大 中 小, 收藏, 举报, 查看更多, +1",
    "Buttons and widgets of the page survive extraction as short lines that say 打印 (print), \
     关闭 (close), 返回顶部 (back to top), 【字体：大 中 小】, 收藏, 我要举报, 查看更多, 加载更多, \
     `+1`. The whole line must be such a label (brackets allowed); the same word inside a \
     sentence is content."
);
rule!(
    PREV_NEXT,
    "D105",
    "prev-next-link",
    "a link to the previous or next article (上一篇：…, 下一篇：…, Next article: …)",
    "Article pages end with links to the neighbouring articles: `上一篇：标题`, `下一篇：标题`, \
     `前一篇`, `后一篇`, `上一頁`, `Previous article`, `Next post`. The line must start with the \
     link label and stay short."
);
rule!(
    AD_LABEL,
    "D106",
    "advertisement-label",
    "an advertisement marker between paragraphs (广告, 廣告, Advertisement, Sponsored content)",
    "Ad slots leave a lone label behind — often in the middle of a paragraph broken by the ad: \
     广告, 廣告, 推广, Advertisement, Sponsored, `Continue reading the main story`. Only a line \
     that is exactly such a label is removed, wherever it sits."
);
rule!(
    COOKIE_BANNER,
    "D107",
    "cookie-banner",
    "a cookie consent banner or its buttons (We use cookies…, Accept all cookies)",
    "Consent banners appear as a sentence about cookies plus button labels (`Accept all \
     cookies`, `Manage cookie settings`, `Reject all`). Button labels go anywhere; the banner \
     sentence must mention cookies and consent words and sit in the header or footer zone."
);
rule!(
    SKIP_LINK,
    "D108",
    "skip-link",
    "an accessibility skip link (Skip to content, 跳至主要内容)",
    "`Skip to content`, `Skip to main content`, `Jump to navigation`, `跳到主要内容` are \
     invisible links for screen readers that text extraction keeps. The whole line must be the \
     link."
);
rule!(
    WIDGET_BAR,
    "D109",
    "widget-counter-bar",
    "a bar of counters and actions (`阅读(1136) ┊ 评论 (12) ┊ 收藏(3)`, `转发 12 评论 3 赞 45`)",
    "Blogs, portals and Weibo print action counters in one line: reading, comments, favourites, \
     reposts, likes, each with an optional number. A line made only of two or more such items \
     (and separators) is removed."
);
rule!(
    ISSUE_NUMBER,
    "D110",
    "issue-number-line",
    "a column or issue label in the header (`诗歌荐读 第218期`, `Issue 42`)",
    "Newsletters and WeChat accounts put the column name and issue number above the headline \
     (`诗歌荐读 第218期`, `第 12 期`). A short line ending with the issue number counts in the \
     header zone only, so a sentence about an issue in the body stays."
);

// ---- D2xx bylines, credits, captions, editors, metadata ------------------------------
rule!(
    BYLINE,
    "D201",
    "byline-line",
    "a line that only names reporters or authors (□记者 张三 通讯员 李四, 文｜某某, By Jane Doe)",
    "A separate byline line is made of roles and names only: `本报记者 张三 通讯员 李四`, \
     `□记者 张三`, `澎湃新闻记者 周然 实习生 许可`, `文｜某某`, `朗读｜某某`, `By Jane Doe, \
     Business reporter`. Inline datelines that open the lede (`本报讯（记者 张三）…`, \
     `新华社北京5月1日电`) are part of the paragraph and stay; only whole short lines go."
);
rule!(
    PHOTO_CREDIT,
    "D202",
    "photo-credit",
    "a photo credit line (张三 摄, 受访者供图, （李四攝）, 图片来源：…, Image source, …)",
    "Credits of pictures that are no longer there: `汤学安 摄`, `本报记者 徐杰 摄`, `受访者供图`, \
     `（李浩然攝）`, `图片来源：视觉中国`, `图/新华社`, `资料图`, `Image source, Getty Images`, \
     `Photo: AP`. The whole line must be the credit; a sentence ending in 拍摄 inside the text is \
     not a credit because it is longer than a credit and ends with punctuation."
);
rule!(
    CAPTION_WITH_CREDIT,
    "D203",
    "caption-with-credit",
    "a picture caption followed by its credit on one line (`某某活动现场。张三 摄`)",
    "A caption sentence and the photo credit glued together (`东园一居民区。陆家嘴街道供图`, \
     `徐汇滨江市民食堂。人民网记者 王文娟摄`). The line must be short and end with the credit; \
     the picture itself is gone, so the caption goes with it."
);
rule!(IMAGE_CAPTION, "D204", "image-caption",
    "a caption of a missing picture, found by its neighbours (right before a credit, ▲…, isolated by image gaps)",
    "Captions are recognised by structure: a short line right before a photo credit (at the \
     document's usual paragraph distance, or ending like a caption sentence), a short line \
     marked with ▲/△/↑ or starting with 图为/圖為/Image caption, and a short unpunctuated line set \
     off by wider blank gaps than the document's paragraphs on both sides, between two body \
     paragraphs (where the picture was). A headline separated from a credit by an image gap stays.");
rule!(EDITOR_LINE, "D205", "editor-line",
    "an editor, proof-reader or reviewer line (责任编辑：…, 【编辑：…】, 审核 | …, Editing by …)",
    "Portals sign articles with the editors: `责任编辑：张三`, `（责编：张三、李四）`, `【编辑：张三】`, \
     `网站编辑：张三`, `校对：张三`, `编辑 | 张三`, `审核 | 李四`, `图片｜网络 编辑｜阿青`, \
     `Editing by Jane Doe`. The line must be made only of role labels and names.");
rule!(
    SOURCE_CREDIT,
    "D206",
    "source-credit",
    "a contribution or production credit (某某供稿, 某某网出品, Source: …)",
    "A short line that credits who supplied or produced the piece: `松江组工供稿`, `党建网出品`, \
     `本文转载自某某`, `Source: Harbour Review (Spring 2024)`. A sentence that mentions a source \
     (`据新华社报道，…`, `the source said …`) is longer and ends like a sentence, and stays."
);
rule!(
    METADATA_LINE,
    "D207",
    "publish-metadata-line",
    "a metadata line: 发布时间/来源/作者/浏览次数 fields, a bare timestamp, Published … ago",
    "Article pages print metadata fields: `发布时间：2024-02-20 来源：市人社局 浏览次数：`, \
     `2024-05-30 18:42 来源：澎湃新闻`, `来源：【人民网】`, `索引号：… 发布机构：…`, \
     `(2012-12-21 22:14:05)`, `Published 3 hours ago`. The line must consist of such fields; \
     a body sentence that starts with 来源 (`来源于网络的图片…`) has no field separator and stays. \
     A date alone on a line only counts in the header zone, because notices end with a dated \
     signature that is content."
);
rule!(
    TAG_LINE,
    "D208",
    "tag-line",
    "a tag or keyword line (标签：…, 关键词：…, 相關字詞﹕…, #话题 #话题, Tags: …)",
    "Lists of tags, categories and keywords: `标签：老街 拆迁 杂谈`, `分类：随笔`, \
     `相關字詞﹕唐樓 活化`, `#楼市 #公积金`, `Topics: …`. The whole line must be the list."
);
rule!(
    AUTHOR_BIO,
    "D209",
    "author-bio",
    "an author biography after the text (作者简介：…, About the author)",
    "Magazines and WeChat accounts end with a short biography of the author that starts with \
     `作者简介` or `About the author`. It counts only after the last body paragraph (footer zone)."
);
rule!(
    GLUED_SIGNATURE,
    "D210",
    "glued-signature",
    "a signature (`某某党总支书记 张三`) glued after the last sentence of a paragraph",
    "When a page's signature block is flattened into the text it ends up glued after a \
     sentence: `…管理服务。桥湾居民区党总支书记 张三`. The span after the final 。！？ made of an \
     office title, a space and a two- to four-character name is removed, the paragraph stays. \
     When more text follows the name, the span is removed only when that text is the start of an \
     earlier paragraph (a pasted repeat), so a name at the start of a sentence is never cut."
);

// ---- D3xx copyright, disclaimers, platform statements, site footers ------------------
rule!(
    COPYRIGHT,
    "D301",
    "copyright-notice",
    "a copyright line (版权声明：…, 版权所有, Copyright © …, All rights reserved)",
    "Site and platform copyright notices: `版权声明：…`, `明報網站 版權所有 不得轉載 Copyright \
     (C) 2024`, `Copyright © 2024 Example News. All rights reserved.`, `© 2024 …`. A line that \
     starts with such a notice goes anywhere; a line that merely contains 版权所有 or All rights \
     reserved goes only when it is short and outside the body. A body paragraph about copyright \
     (`版权保护意识的提升…`) stays."
);
rule!(
    REPRINT_BAN,
    "D302",
    "reprint-prohibition",
    "a reprint prohibition (未经授权不得转载, 转载请注明出处, 未經許可不得轉載)",
    "`未经授权禁止转载、摘编、复制及建立镜像…`, `澎湃新闻，未经授权不得转载`, `转载请注明出处`, \
     `如需转载请联系…`. The line must start with the prohibition or be a short line built around \
     it; a sentence reporting a court ruling on reprints is long and stays."
);
rule!(
    DISCLAIMER,
    "D303",
    "disclaimer-statement",
    "a disclaimer (免责声明, 仅代表作者观点, 不代表本站观点, 如有侵权请联系删除)",
    "Platforms disclaim responsibility: `免责声明：…`, `本文仅代表作者观点，不代表本站立场`, \
     `本网站所刊载信息，不代表…观点`, `如有侵权，请联系删除`, `The views expressed are…`. The \
     statement must open the line (or be the whole line) and the line must sit outside the body \
     zone, so an article that quotes such a notice keeps it."
);
rule!(PLATFORM_STATEMENT, "D304", "platform-statement",
    "a platform statement (本文来自【…】…, …提供信息发布传播服务, ID:xxx)",
    "Aggregators add their own statement: `本文来自【人民网】，仅代表作者观点。全国党媒信息公共平台\
     提供信息发布传播服务。`, `ID:jrtt`, `本文由某某号入驻作者撰写`. The line must open with the \
     statement.");
rule!(
    ICP_FOOTER,
    "D305",
    "icp-license-footer",
    "a site licence footer (京ICP备…号, 公网安备, 网站标识码, 互联网新闻信息服务许可证)",
    "Chinese sites must show their ICP licence and public-security filing numbers: \
     `浙ICP备05012345号`, `浙公网安备 33010502000123号`, `网站标识码：3301000001`. A short line \
     carrying one of these numbers is removed anywhere."
);
rule!(
    SITE_FOOTER,
    "D306",
    "site-footer-block",
    "site footer lines next to a licence line (主办单位：…, 承办单位：…, 联系电话：…)",
    "Sponsor, operator, address and phone lines of a site footer (`主办单位：… 承办单位：…`) look \
     like the end of a notice. They are removed only in the footer zone and only when a licence \
     line (icp-license-footer) or another footer line is within two lines, so the sponsor list \
     of an event announcement stays."
);

// ---- D4xx share, QR, subscribe, WeChat and forum chrome ------------------------------
rule!(
    SHARE_PROMPT,
    "D401",
    "share-prompt",
    "a share button or prompt (分享到：, 分享, Share, Share on Facebook, Email this article)",
    "Share bars flatten into short lines: `分享到：`, `分享`, `转发`, `Share`, `Share on X`, \
     `Email this poem`, `Tweet`. The whole line must be the prompt."
);
rule!(
    QR_PROMPT,
    "D402",
    "qr-code-prompt",
    "a QR-code prompt (长按二维码关注, 扫一扫在手机打开当前页, 微信扫一扫)",
    "Pages invite readers to scan a QR code that is no longer there: `长按二维码关注`, \
     `扫描二维码`, `扫一扫在手机打开当前页`, `長按識別二維碼`. A short line built around 二维码 \
     or 扫一扫 is removed; the account name that follows such a prompt goes too."
);
rule!(
    FOLLOW_PROMPT,
    "D403",
    "follow-prompt",
    "a follow prompt (点击上方蓝字关注我们, 关注我们, 欢迎关注…)",
    "WeChat articles open with `点击上方蓝字关注我们` and end with `欢迎关注`, `记得关注我们哦`. \
     The line must be the prompt, short."
);
rule!(
    NEWSLETTER_PROMPT,
    "D404",
    "newsletter-prompt",
    "a subscribe or newsletter prompt (Subscribe to …, Sign up for our newsletter, 订阅)",
    "English pages interrupt text with `Subscribe to read unlimited …`, `Sign up for our \
     newsletter`, `Get the latest news in your inbox`; Chinese pages with `订阅本刊`. The line \
     must open with the prompt and stay short."
);
rule!(
    WECHAT_CHROME,
    "D405",
    "wechat-reader-chrome",
    "WeChat reader buttons (阅读原文, 在看, 点赞, 写留言, 继续滑动看下一个, 知道了)",
    "The WeChat reader adds buttons and notices around an article: 阅读原文, 在看, 点赞, 赞赏, \
     写留言, `喜欢此内容的人还喜欢`, `继续滑动看下一个`, `轻触阅读原文`, `知道了`, \
     `预览时标签不可点`. The whole line must be such a label."
);
rule!(
    WECHAT_HEADER,
    "D406",
    "wechat-account-header",
    "a WeChat account header (`原创 某某发布 2024-06-14 20:30 发表于浙江`)",
    "The header of a WeChat article names the account, the time and the province it was \
     posted from (`原创 滨江发布 滨江发布 2024-06-14 20:30 发表于浙江`). A short line with such a \
     timestamp and `发表于` (or opening with 原创 and a date) is removed."
);
rule!(
    FORUM_CHROME,
    "D407",
    "forum-thread-chrome",
    "Discuz-style forum chrome (查看：…|回复：…, 楼主, 发表于 …, 本帖最后由 … 编辑, 回复 举报)",
    "Forum pages carry the thread's counters, the floor labels (楼主, 沙发, 板凳, 3#), the post \
     header (`发表于 2024-5-6 21:15 | 只看该作者`), edit notices (`本帖最后由 X 于 … 编辑`), \
     rating and reply widgets and the reply box (`您需要登录后才可以回帖`). The user name right \
     after a floor label is removed with it."
);
rule!(PTT_CHROME, "D408", "ptt-article-chrome",
    "PTT/BBS article chrome (作者/看板/標題/時間 header, ※ 發信站, 新聞 template labels)",
    "PTT posts open with `作者`, `看板`, `標題`, `時間` header lines and end with `※ 發信站：…` and \
     `※ 文章網址：…`. News posts follow a template (`1.媒體來源：`, `2.記者署名：`, \
     `4.完整新聞內文：`…); the labels go, and so do the values of the media, reporter, link and \
     note fields. The headline given after `完整新聞標題` stays.");
rule!(
    PUSH_COMMENT,
    "D409",
    "bbs-push-comment",
    "a BBS push comment (`推 user：text 07/23 10:22`)",
    "PTT comments are lines that start with 推, 噓 or → followed by a user id, a colon, the text \
     and a date/time stamp. The stamp at the end makes the shape unambiguous."
);
rule!(
    COMMENT_AREA,
    "D410",
    "comment-area",
    "a comment area after the article (评论, 网友评论, 热门跟贴, Comments, and everything after)",
    "A comment-area heading (`评论`, `网友评论`, `热门跟贴`, `发表评论`, `[发评论]`, `写留言`, \
     `Comments`, `Leave a reply`) in the footer zone starts a block: it and every following line \
     of the footer zone are removed, since what follows is readers' comments and form chrome."
);
rule!(
    TIP_LINE,
    "D411",
    "news-tip-line",
    "a news-tip hotline or mailbox (报料热线：…, 新闻热线, 投稿邮箱：…)",
    "`报料热线：020-12345678`, `澎湃新闻报料：021-962866`, `投稿邮箱：…`, `Got a tip? …`. A short \
     line that names a hotline or mailbox for tips and submissions and gives a number or address."
);
rule!(WEIBO_CHROME, "D412", "weibo-chrome",
    "Weibo/social post chrome (展开全文, 收起全文, 来自 iPhone客户端, 网页链接)",
    "Social posts scraped from Weibo and similar sites carry `展开全文`, `收起全文`, `来自 XX客户端`, \
     `网页链接`, `O网页链接`, `查看图片`. The whole line must be such a label.");

// ---- D5xx markup residue and image file names ----------------------------------------
rule!(
    IMAGE_FILENAME,
    "D501",
    "image-filename",
    "an image file name on a line of its own (`• banner1-1.png`, `IMG_2034.JPG`)",
    "Alt texts and lazy-loaded images leave file names behind: `• banner1-1.png`, `1.jpg`, \
     `photo_2024.webp`. The whole line must be one file name with an image extension (an \
     optional bullet before it)."
);
rule!(
    MARKDOWN_MARKER,
    "D502",
    "markdown-heading-marker",
    "a markdown `#` heading marker before the text (`## 标题` → `标题`)",
    "Extractors that emit markdown prefix headings with `#`…`######` and a space. The marker is \
     removed and the heading stays (inline rule). A hashtag (`#话题`) has no space and is not \
     touched."
);
rule!(
    HTML_TAG,
    "D503",
    "html-tag-residue",
    "an HTML tag left in the text (`<p>`, `<br/>`, `</span>`)",
    "Tags that survived extraction (`<p>`, `</div>`, `<br />`, `<img src=…>`) are removed from \
     the line (inline rule); a line made only of tags goes entirely. Only known HTML element \
     names count, so `a < b > c` in a formula stays."
);
rule!(HTML_ENTITY, "D504", "html-entity-residue",
    "an HTML entity left in the text (`&nbsp;`, `&amp;`, `&#8220;`) is decoded",
    "Entities that were never decoded (`&nbsp;`, `&amp;`, `&lt;`, `&quot;`, `&#12290;`, `&#x3002;`) \
     are replaced by the character they stand for (`&nbsp;` by a space).");
rule!(
    URL_LINE,
    "D505",
    "bare-url-line",
    "a bare URL on a line of its own outside the body",
    "Share links and `原文链接` URLs end up alone on a line. A line that is only a URL (or \
     `原文链接：URL`, `Link: URL`) is removed in the header or footer zone; inside the body a URL \
     line may be part of the text and stays."
);
rule!(
    IMAGE_PLACEHOLDER,
    "D506",
    "image-placeholder",
    "an image placeholder (`[图片]`, `[圖片]`, `![alt](url)`, `[image]`)",
    "Extractors write a placeholder where a picture was: `[图片]`, `[圖片]`, `[image]`, \
     `![](https://…)`, `(图)`. The whole line must be the placeholder."
);
rule!(
    DECORATION,
    "D507",
    "decoration-glyph-line",
    "a line made only of arrows or ornaments (▼, ▲▲▲, ↓↓↓, ❀❀❀)",
    "WeChat editors decorate articles with lines of arrows, triangles and flowers that carry no \
     text. A line of only such glyphs is removed; a line of `*` or `—` (a section break) stays."
);

// ---- D6xx end markers, related-article and link lists --------------------------------
rule!(END_MARKER, "D601", "end-marker",
    "an end marker on a line of its own (（完）, END, - END -, THE END, 【完】)",
    "News agencies and WeChat editors close articles with `（完）`, `(完)`, `【完】`, `—完—`, `END`, \
     `- END -`, `THE END`, `（全文完）`. The whole line must be the marker.");
rule!(GLUED_END_MARKER, "D602", "glued-end-marker",
    "an end marker glued to the last sentence (`…表示。（完）`)",
    "`（完）`, `(完)`, `【完】` or `（全文完）` right after the final punctuation of a paragraph is \
     removed and the paragraph stays (inline rule).");
rule!(RELATED_BLOCK, "D603", "related-articles-block",
    "a related-articles list: its heading (相关阅读, 往期推荐, Related Topics) and the titles after it",
    "A heading such as `相关阅读`, `相关新闻`, `延伸閱讀`, `往期推荐`, `推荐阅读`, `【每日关注】`, \
     `社会新闻精选：`, `Related Topics`, `More on this story`, `Read more` starts a block; the \
     heading and the title-like lines after it (short, not ending with 。 or a period) are removed \
     until a line that looks like prose. Headings need to be outside the body zone or directly \
     followed by titles.");
rule!(
    ATTACHMENT_LINK,
    "D604",
    "attachment-download-link",
    "an attachment download link (附件下载：表.xls（28KB）, 点击下载)",
    "Download links name the file with its extension and size (`附件下载：申请表.xls（28KB）`) or \
     say 点击下载/下载附件. The attachment line of a notice (`附件：申请表`) is content and stays."
);
rule!(
    LINK_LIST,
    "D605",
    "link-list-block",
    "a link-list heading (友情链接, 相关链接, Useful links) and the short links after it",
    "Footer link lists start with `友情链接`, `相关链接`, `热门专题`, `Useful links`; the heading \
     and the following short unpunctuated lines are removed."
);

// ---- D9xx learned boilerplate ---------------------------------------------------------
rule!(
    LEARNED,
    "D901",
    "learned-boilerplate",
    "a line that recurs across many documents of the corpus (learned in a first pass)",
    "When a corpus is cleaned, a first pass counts normalised short lines across documents. A \
     line that recurs in at least N documents (a small fraction of the corpus, never fewer than \
     3) with different main text is boilerplate of the site — a slogan, a menu, a footer — and \
     is removed. Long sentences (ending like a sentence) are never learned."
);

/// Every built-in debris rule, in code order.
pub static RULES: &[RuleInfo] = &[
    PAGE_TITLE,
    BREADCRUMB,
    NAV_MENU,
    PAGE_WIDGET,
    PREV_NEXT,
    AD_LABEL,
    COOKIE_BANNER,
    SKIP_LINK,
    WIDGET_BAR,
    ISSUE_NUMBER,
    BYLINE,
    PHOTO_CREDIT,
    CAPTION_WITH_CREDIT,
    IMAGE_CAPTION,
    EDITOR_LINE,
    SOURCE_CREDIT,
    METADATA_LINE,
    TAG_LINE,
    AUTHOR_BIO,
    GLUED_SIGNATURE,
    COPYRIGHT,
    REPRINT_BAN,
    DISCLAIMER,
    PLATFORM_STATEMENT,
    ICP_FOOTER,
    SITE_FOOTER,
    SHARE_PROMPT,
    QR_PROMPT,
    FOLLOW_PROMPT,
    NEWSLETTER_PROMPT,
    WECHAT_CHROME,
    WECHAT_HEADER,
    FORUM_CHROME,
    PTT_CHROME,
    PUSH_COMMENT,
    COMMENT_AREA,
    TIP_LINE,
    WEIBO_CHROME,
    IMAGE_FILENAME,
    MARKDOWN_MARKER,
    HTML_TAG,
    HTML_ENTITY,
    URL_LINE,
    IMAGE_PLACEHOLDER,
    DECORATION,
    END_MARKER,
    GLUED_END_MARKER,
    RELATED_BLOCK,
    ATTACHMENT_LINK,
    LINK_LIST,
    LEARNED,
];
