//! English news and magazine pages.

use crate::stages::debris::catalog::*;
use crate::stages::debris::engine::{Follow, Pattern};
use crate::stages::debris::zones::Zone;

/// An English personal name: one to four capitalised words.
const EN_NAME: &str =
    r"[A-Z][A-Za-z.'’\-]+(?:\s+(?:[A-Z][A-Za-z.'’\-]+|de|van|von|la|le|da|bin)){0,3}";
const MONTH: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";

pub fn patterns() -> Vec<Pattern> {
    let en_date = format!(
        r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?,?\s+)?(?:{MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{MONTH},?\s+\d{{4}})(?:,?\s+(?:at\s+)?\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{{2,4}})?)?"
    );
    vec![
        // D102
        Pattern::line(&BREADCRUMB, r"(?:You are here|Home)\s*[:>›»/]\s*.{1,80}").max(90),
        // D103
        Pattern::line(&NAV_MENU, r"(?:[A-Z][a-z&]{3,14}|[A-Z]{2,5})(?:\s+(?:[A-Z][a-z&]{3,14}|[A-Z]{2,5})){4,14}").zone(Zone::Edges).max(120),
        Pattern::line(&NAV_MENU, r"(?:Home|Contact us|About us|Privacy policy|Privacy Policy|Terms of use|Terms of Use|Terms & Conditions|Sitemap|Site map|Accessibility|Careers|Advertise)(?:\s*[|·/]?\s*(?:Home|Contact us|About us|Privacy policy|Privacy Policy|Terms of use|Terms of Use|Terms & Conditions|Sitemap|Site map|Accessibility|Careers|Advertise|Help)){0,12}").max(120),
        // Section labels above the headline: `Arts & Culture`, `Poems & Poets`.
        Pattern::line(&NAV_MENU, r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s*(?:&|/|\+)\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?").zone(Zone::Header).max(30).follow(Follow::TitleAfter),
        // D104
        Pattern::line(&PAGE_WIDGET, r"(?:Print|Close|Back to top|Load more|Show more|See more|View more)").max(12),
        // D105
        Pattern::lead(&PREV_NEXT, r"(?:Previous|Next|Prev)\s+(?:article|post|story|page|item)\b").max(120),
        // D106
        Pattern::line(&AD_LABEL, r"(?:Advertisement|ADVERTISEMENT|Sponsored(?: content)?|Paid content|Promoted|Continue reading the main story|Story continues below(?: advertisement)?|Advertisement - scroll to continue|Skip Advertisement|Ad Feedback)").max(40),
        // D107
        Pattern::line(&COOKIE_BANNER, r"(?:Accept|Reject|Allow|Decline|Manage|Customi[sz]e|Use necessary|Necessary)\b[^.]{0,20}\bcookies?(?: settings| preferences)?|(?:Accept all|Reject all|Accept and close|Allow all|I accept|I agree|Got it)").max(40),
        Pattern::lead(&COOKIE_BANNER, r"(?:We|This (?:site|website)|Our (?:site|website)|By (?:using|continuing))[^.]{0,60}\bcookies\b").zone(Zone::Edges).max(400),
        // D108
        Pattern::line(&SKIP_LINK, r"(?:Skip|Jump) to (?:the )?(?:main )?(?:content|navigation|search|footer|article)").max(30),
        // D201
        Pattern::line(&BYLINE, format!(r"(?:By|BY|Words by|Written by|Story by|Text by|Interview by)\s+{EN_NAME}(?:\s*(?:,|and|&)\s*{EN_NAME})*(?:\s*[,|–—-]\s*[A-Za-z ,&']{{2,60}})?")).max(120),
        // D202
        Pattern::line(&PHOTO_CREDIT, r"(?:Image source|Image credit|Photo credit)\s*[:,]\s*.{1,80}|(?:Photograph|Photo|Picture|Image|Credit|Illustration|Video)s?\s*:\s*.{1,80}").max(100),
        Pattern::line(&PHOTO_CREDIT, r"\(?(?:Photo|Photograph|Image|Illustration)s?\s+(?:by|courtesy of)\s+.{1,60}\)?").max(80),
        Pattern::line(&PHOTO_CREDIT, r"(?:.{1,40}/\s*)?(?:Getty Images|Reuters|AFP|AP Photo|EPA|Shutterstock|Alamy|PA Media)(?:\s*/\s*.{1,40})?").max(60),
        // D204
        Pattern::line(&IMAGE_CAPTION, r"(?:Image caption|Caption|Photo caption)\s*[,:]\s*.{2,200}").max(220),
        // D205
        Pattern::line(&EDITOR_LINE, format!(r"\(?(?:Edited|Editing|Reporting|Additional reporting|Writing|Compiled|Produced|Fact-checked)\s+by\s+{EN_NAME}(?:\s*(?:,|and|&|;)\s*(?:(?:Editing|Reporting|Writing)\s+by\s+)?{EN_NAME})*\.?\)?")).max(200),
        // D206
        Pattern::line(&SOURCE_CREDIT, r"\(?(?:(?:Source|Sources|Via)\s*:|Originally published (?:in|by|on))\s*[^.]{1,80}\.?\)?").max(100),
        // D207
        Pattern::line(&METADATA_LINE, r"(?:Published|Updated|Posted|Last updated|First published|Last modified)(?:\s+on)?\s*:?\s*(?:\d|[A-Z][a-z]{2,8}\.?\s+\d|(?:an?|\d+|one|two|three|a few)\s+(?:hours?|minutes?|days?|weeks?|mins?|hrs?)\s+ago|yesterday|today|just now)[^.]{0,50}").max(80),
        Pattern::line(&METADATA_LINE, en_date.clone()).zone(Zone::Header).max(50),
        Pattern::line(&METADATA_LINE, format!(r"{en_date}\s*(?:[|·•]\s*\d+\s*min(?:ute)?s?\s*read)?")).zone(Zone::Edges).max(60),
        Pattern::line(&METADATA_LINE, r"\d+\s*min(?:ute)?s?\s*read").max(16),
        // D208
        Pattern::line(&TAG_LINE, r"(?:Tags?|Topics?|Keywords?|Filed under|Categories|Category)\s*[:|]\s*.{1,100}").max(120),
        // D209
        Pattern::lead(&AUTHOR_BIO, r"(?:About the author|About the Author|ABOUT THE AUTHOR)\b").zone(Zone::Footer).max(400),
        // D301
        Pattern::lead(&COPYRIGHT, r"(?:Copyright|COPYRIGHT)\s*(?:©|\([Cc]\)|\d{4})|©\s*(?:\d{4}|[A-Z])").max(300),
        // D303
        Pattern::lead(&DISCLAIMER, r"(?:Disclaimer\s*:|The views (?:and opinions )?expressed (?:in|on|here|herein|by the author)|(?:Views|Opinions) expressed (?:in|on|here|herein) |This article is for (?:general )?information)").zone(Zone::Edges).max(400),
        // D401
        Pattern::line(&SHARE_PROMPT, r"(?:Share|Tweet|Pin it|Email|Print|Copy link|Save)(?: this(?: \w+)?| on \w+| via \w+| to \w+| article| story)?").max(30),
        // D404
        Pattern::lead(&NEWSLETTER_PROMPT, r"(?:Subscribe|Sign up|Sign in to|Log in to|Register) (?:to|for|now|today|and)\b").max(160),
        Pattern::lead(&NEWSLETTER_PROMPT, r"(?:Get|Receive) (?:the|our) (?:latest|best|top)\b[^.]{0,60}\b(?:inbox|newsletter|email)").max(160),
        Pattern::line(&NEWSLETTER_PROMPT, r"(?:Subscribe|Sign up|Newsletter|Subscribe now|Sign up now|Log in|Sign in|Register)").max(14),
        // D410
        Pattern::line(&COMMENT_AREA, r"(?:Comments?|Leave a (?:comment|reply)|Join the conversation|Show comments|View comments|\d+\s+comments?|Reader comments)(?:\s*\(\d+\))?").max(30),
        // D411
        Pattern::lead(&TIP_LINE, r"(?:Got a (?:news )?tip\?|Have a (?:news )?tip\?|Contact us at|Send us your (?:stories|tips))").max(160),
        // D601
        Pattern::line(&END_MARKER, r"[-—–=~\s]*(?:END|End|THE END|The End|FIN|ENDS)[-—–=~\s]*").max(16),
        // D603
        Pattern::line(&RELATED_BLOCK, r"(?:Related(?: Topics| topics| stories| Stories| articles| Articles| coverage| Coverage| content| reading| posts| links)?|More on this story|More from .{1,30}|Read more|Read More|Read next|Recommended(?: for you)?|You may also like|You might also like|Most read|Most Read|Most popular|Top stories|Further reading|See also|More stories|Latest stories|Trending)\s*:?").max(36),
        // D605
        Pattern::line(&LINK_LIST, r"(?:Useful links|Quick links|Links|External links)\s*:?").max(16),
    ]
}

#[cfg(test)]
pub(crate) const POSITIVE: &[(&str, &str)] = &[
    ("D102", "Home > World > Asia"),
    ("D103", "Home News Business Technology Sport Weather"),
    ("D106", "Advertisement"),
    ("D106", "Continue reading the main story"),
    ("D107", "Accept all cookies"),
    ("D107", "Manage cookie settings"),
    ("D107", "We use cookies to give you the best online experience. Please let us know if you agree to all of these cookies."),
    ("D108", "Skip to content"),
    ("D201", "By Hannah Price, Business reporter"),
    ("D201", "By Maria Okonkwo"),
    ("D202", "Image source, Getty Images"),
    ("D202", "Photo: Reuters"),
    ("D204", "Image caption, Orders for machinery and vehicle parts rose most sharply"),
    ("D205", "Reporting by Jane Doe; Editing by John Smith"),
    ("D206", "Source: Harbour Review (Spring 2024)"),
    ("D207", "Published 3 hours ago"),
    ("D207", "5 min read"),
    ("D208", "Tags: economy, trade"),
    ("D209", "About the author: Jane Doe writes about cities."),
    ("D301", "Copyright © 2024 Northgate News. Northgate News is not responsible for the content of external sites."),
    ("D303", "The views expressed in this article are the author's own."),
    ("D401", "Share"),
    ("D401", "Share on Facebook"),
    ("D401", "Email this poem"),
    ("D404", "Subscribe to read unlimited poems — first month free"),
    ("D404", "Sign up for our daily newsletter"),
    ("D410", "Comments (12)"),
    ("D601", "- END -"),
    ("D603", "Related Topics"),
    ("D603", "More on this story"),
];

#[cfg(test)]
pub(crate) const NEGATIVE: &[&str] = &[
    "Orders at UK factories rose for a third consecutive month in May, lifted by stronger demand.",
    "Factory orders rise for third month as export demand recovers",
    "Still the river runs",
    "The mill has closed its wooden doors",
    "By the time the town had lost its name, the mill was gone.",
    "The source said the talks would resume next week.",
    "The views expressed by the spokesperson did not reflect all carriers, the source said.",
    "All rights reserved is a phrase that has lost its legal meaning, the lawyer said.",
    "Share prices fell sharply on Monday after the announcement.",
    "Pictures, sounds and smells of the market filled the air.",
    "Salt & Light",
];
