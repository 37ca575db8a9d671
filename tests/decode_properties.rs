//! Laws of the decode stage, checked on generated inputs.

use proptest::prelude::*;
use thresh::error::DocumentError;
use thresh::stages::decode::{decode_bytes, encode_utf16, DecodeOptions};

/// Frequent simplified characters (all in GB 2312).
const SIMPLIFIED: &str = "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遍凡础洞卷坦牛宁纸诸训私庄祖丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨齐赛趣曲刀床迎冰虚玩析窗醒妻透购替塞努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍页杰筑折郑贝尊吴秀混臣雅振染盛怒舞圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵";

/// Frequent traditional characters (all in Big5).
const TRADITIONAL: &str = "的一是不了在人有我他這個們中來上大為和國地到以說時要就出會可也你對生能而子那得於著下自之年過發後作裡用道行所然家種事成方多經麼去法學如都同現當沒動面起看定天分還進好小部其些主樣理心她本前開但因只從想實日軍者意無力它與長把機十民第公此已工使情明性知全三又關點正業外將兩高間由問很最重並物手應戰向頭文體政美相見被利什二等產或新己制身果加西斯月話合回特代內信表化老給世位次度門任常先海通教兒原東聲提立及比員解水名真論處走義各入幾口認條平系氣題活爾更別打女變四神總何電數安少報才結反受目太量再感建務做接必場件計管期市直德資命山金指克許統區保至隊形社便空決治展馬科司五基眼書非則聽白卻界達光放強即像難且權思王象完設式色路記南品住告類求據程北邊死張該交規萬取拉格望覺術領共確傳師觀清今切院讓識候帶導爭運笑飛風步改收根乾造言聯持組每濟車親極林服快辦議往元英士證近失轉夫令準布始怎呢存未遠叫台單影具羅字愛擊流備兵連調深商算質團集百需價花黨華城石級整府離況亞請技際約示復病息究線似官火斷精滿支視消越器容照須九增研寫稱企八功嗎包片史委乎查輕易早曾除農找裝廣顯吧阿李標談吃圖念六引歷首醫局突專費號盡另周較注語僅考落青隨選列武紅響雖推勢參希古眾構房半節土投某案黑維革劃敵致陳律足態護七興派孩驗責營星夠章音跟志底站嚴巴例防族供效續施留講型料終答緊黃絕奇察母京段依批群項故按河米圍江織害鬥雙境客紀採舉殺攻父蘇密低朝友訴止細願千值仍男錢破網熱助倒育屬坐帝限船臉職速刻樂否剛威毛狀率甚獨球般普怕彈校苦創假久錯承印晚蘭試股拿腦預誰益陽若哪微尼繼送急血驚傷素藥適波夜省初喜衛源食險待述陸習置居勞財環排福納歡雷警獲模充負雲停木遊龍樹疑層冷洲衝射略範竟句室異激漢村哈策演簡卡罪判擔州靜退既衣您宗積餘痛檢差富靈協角佔配徵修皮揮勝降階審沉堅善媽劉讀啊超免壓銀買皇養伊懷執副亂抗犯追幫宣佛歲航優怪香著田鐵控稅左右份穿藝背陣草腳概惡塊頓敢守酒島託央戶烈洋哥索胡款靠評版寶座釋景顧弟登貨互付伯慢歐換聞危忙核暗姐介壞討麗良序升監臨亮露永呼味野架域沙掉括艦魚雜誤灣吉減編楚肯測敗屋跑夢散溫困劍漸封救貴槍缺樓縣尚毫移娘朋畫班智亦耳恩短掌恐遺固席松祕謝魯遇康慮幸均銷鐘詩藏趕劇票損忽巨炮舊端探湖錄葉春鄉附吸予禮港雨呀板庭婦歸睛飯額含順輸搖招婚脫補謂督毒油療旅澤材滅逐莫筆亡鮮詞聖擇尋廠睡博勒煙授諾倫岸奧唐賣俄炸載洛健堂旁宮喝借君禁陰園謀宋避抓榮姑孫逃牙束跳頂玉鎮雪午練迫爺篇肉嘴館遍凡礎洞卷坦牛寧紙諸訓私莊祖絲翻暴森塔默握戲隱熟骨訪弱蒙歌店鬼軟典欲薩伙遭盤爸擴蓋弄雄穩忘億刺擁徒姆楊齊賽趣曲刀床迎冰虛玩析窗醒妻透購替塞努休虎揚途侵刑綠兄迅套貿畢唯谷輪庫跡尤競街促延震棄甲偉麻川申緩潛閃售燈針哲絡抵朱埃抱鼓植純夏忍頁傑築折鄭貝尊吳秀混臣雅振染盛怒舞圓搞狂措姓殘秋培迷誠寬宇猛擺梅毀伸摩盟末乃悲拍丁趙";

fn simplified_chars() -> Vec<char> {
    SIMPLIFIED.chars().collect()
}

const ENGLISH_WORDS: &[&str] = &[
    "the", "market", "city", "report", "said", "on", "Monday", "new", "data", "show", "prices",
    "rose", "in", "April", "and", "people", "were", "waiting", "for", "news", "from", "Beijing",
    "Taipei", "2024", "3.5%", "GDP", "app", "WeChat",
];

/// A sentence of `chars` Chinese characters, with an English word now and then.
fn sentence(pool: &'static str) -> impl Strategy<Value = String> {
    let chars: Vec<char> = pool.chars().collect();
    (
        prop::collection::vec(prop::sample::select(chars), 6..24),
        prop::option::of(prop::sample::select(ENGLISH_WORDS)),
        prop::sample::select(vec!["，", "。", "！", "？", "、", "；"]),
    )
        .prop_map(|(chars, word, end)| {
            let mut s: String = chars.into_iter().collect();
            if let Some(word) = word {
                let at = s.char_indices().nth(3).map_or(s.len(), |(i, _)| i);
                s.insert_str(at, &format!(" {word} "));
            }
            s.push_str(end);
            s
        })
}

/// A Chinese document of several lines (at least 40 ideographs: shorter texts are
/// ambiguous between encodings for any detector).
fn chinese_text(pool: &'static str) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::collection::vec(sentence(pool), 1..5).prop_map(|s| s.concat()),
        3..10,
    )
    .prop_map(|lines| lines.join("\n") + "\n")
    .prop_filter("at least 40 ideographs", |t| {
        t.chars()
            .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
            .count()
            >= 40
    })
}

fn english_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ENGLISH_WORDS), 20..80)
        .prop_map(|words| words.join(" ") + ".\n")
}

/// Chinese, English or mixed (Chinese lines and English lines).
fn any_text(pool: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![
        chinese_text(pool),
        (chinese_text(pool), english_text()).prop_map(|(zh, en)| format!("{en}{zh}")),
        english_text(),
    ]
}

/// Words of French, German and Spanish with their accents and punctuation.
const EUROPEAN_WORDS: &[&str] = &[
    "café",
    "où",
    "très",
    "À",
    "bientôt",
    "«",
    "»",
    "Straße",
    "führt",
    "über",
    "Brücke",
    "»Schön«",
    "GRÜẞE",
    "MÜNCHEN…",
    "ÉTÉ",
    "niño",
    "Málaga",
    "¿Qué",
    "tal?",
    "¡Olé!",
    "PEÑA’s",
    "„Ja“",
    "ÇA",
    "Ôter",
    "Ærø",
    "Øre",
    "Œuvre",
    "naïve",
    "–",
    "—",
    "€",
    "½",
    "©",
    "°C",
    "Ü",
    "Ä…",
];

fn options() -> DecodeOptions {
    DecodeOptions {
        repair_mojibake: true,
        ..DecodeOptions::default()
    }
}

fn decode_text(bytes: &[u8]) -> String {
    match decode_bytes(bytes, &options()) {
        Ok(decoded) => decoded.text,
        Err(e) => format!("<error: {e}>"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn decode_never_panics(
        bytes in prop::collection::vec(any::<u8>(), 0..2048),
        lossy in any::<bool>(),
        forced in prop::option::of(prop::sample::select(vec!["gbk", "big5", "utf-16le", "utf-8", "latin1", "shift_jis"])),
    ) {
        let options = DecodeOptions {
            encoding: forced.map(str::to_string),
            lossy,
            repair_mojibake: true,
            from_json: false,
        };
        match decode_bytes(&bytes, &options) {
            Ok(decoded) => {
                prop_assert!(!decoded.text.contains('\0'), "NUL in decoded text");
                // Replacement characters only ever come with --lossy, and are counted.
                if !lossy {
                    prop_assert_eq!(decoded.verdict.replacements, 0);
                }
            }
            Err(DocumentError::Binary { offset }) => prop_assert_eq!(bytes.get(offset), Some(&0)),
            Err(DocumentError::Undecodable { count, .. }) => {
                prop_assert!(!lossy);
                prop_assert!(count > 0);
            }
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }

    #[test]
    fn decode_round_trips_gbk_and_gb18030(text in any_text(SIMPLIFIED), gb18030 in any::<bool>()) {
        let encoding = if gb18030 { encoding_rs::GB18030 } else { encoding_rs::GBK };
        let (bytes, _, unmappable) = encoding.encode(&text);
        prop_assert!(!unmappable);
        prop_assert_eq!(decode_text(&bytes), text);
    }

    #[test]
    fn decode_round_trips_big5(text in any_text(TRADITIONAL)) {
        let (bytes, _, unmappable) = encoding_rs::BIG5.encode(&text);
        prop_assert!(!unmappable);
        prop_assert_eq!(decode_text(&bytes), text);
    }

    #[test]
    fn decode_round_trips_utf16(
        text in prop_oneof![any_text(SIMPLIFIED), any_text(TRADITIONAL)],
        little_endian in any::<bool>(),
        bom in any::<bool>(),
    ) {
        prop_assert_eq!(decode_text(&encode_utf16(&text, little_endian, bom)), text);
    }

    #[test]
    fn decode_round_trips_utf8(text in any_text(TRADITIONAL), bom in any::<bool>()) {
        let mut bytes = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
        bytes.extend_from_slice(text.as_bytes());
        prop_assert_eq!(decode_text(&bytes), text);
    }

    #[test]
    fn ordinary_european_text_is_unchanged(
        words in prop::collection::vec(prop::sample::select(EUROPEAN_WORDS), 1..60),
        glue in prop::sample::select(vec![" ", "", "\n"]),
    ) {
        let text = words.join(glue);
        let decoded = decode_bytes(text.as_bytes(), &options()).unwrap();
        prop_assert_eq!(decoded.verdict.mojibake_repaired, None);
        prop_assert_eq!(decoded.text, text);
    }

    #[test]
    fn gbk_mojibake_is_repaired(
        lines in prop::collection::vec(
            prop::collection::vec(
                (prop::sample::select(simplified_chars()), prop::sample::select(simplified_chars())),
                2..15,
            ),
            1..6,
        ),
    ) {
        // UTF-8 read as GBK and saved again. Each line has an even number of characters,
        // so an even number of bytes, and the GBK reading loses none (where it does lose
        // one, the text cannot all come back; those cases are left out: a byte 0x80 in
        // first position reads as € and shifts the pairs, which is what loses bytes).
        let text: String = lines
            .iter()
            .map(|l| l.iter().flat_map(|&(a, b)| [a, b]).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n");
        let wrong = encoding_rs::GBK.decode_without_bom_handling(text.as_bytes()).0.into_owned();
        prop_assume!(!wrong.contains('\u{FFFD}'));
        let decoded = decode_bytes(wrong.as_bytes(), &options()).unwrap();
        prop_assert_eq!(&decoded.text, &text);
        prop_assert_eq!(decoded.verdict.mojibake_repaired.as_deref(), Some("GBK"));
    }

    #[test]
    fn mojibake_is_repaired(text in chinese_text(SIMPLIFIED), latin1 in any::<bool>()) {
        // UTF-8 read as windows-1252 (or Latin-1) and saved again as UTF-8.
        let wrong: String = if latin1 {
            text.bytes().map(char::from).collect()
        } else {
            encoding_rs::WINDOWS_1252.decode_without_bom_handling(text.as_bytes()).0.into_owned()
        };
        let decoded = decode_bytes(wrong.as_bytes(), &options()).unwrap();
        prop_assert_eq!(&decoded.text, &text);
        prop_assert!(decoded.verdict.mojibake_repaired.is_some());
    }
}

const JAPANESE_WORDS: &[&str] = &[
    "東京",
    "大阪",
    "今日",
    "天気",
    "ニュース",
    "経済",
    "政府",
    "市場",
    "会社",
    "社員",
    "学校",
    "先生",
    "学生",
    "電車",
    "駅",
    "新しい",
    "古い",
    "発表",
    "調査",
    "結果",
    "価格",
    "上昇",
    "によると",
    "について",
    "しました",
    "している",
    "です",
    "ます",
    "ことが",
    "わかりました",
    "は",
    "が",
    "を",
    "に",
    "で",
    "と",
    "の",
    "も",
    "から",
    "まで",
];
const KOREAN_WORDS: &[&str] = &[
    "서울",
    "부산",
    "오늘",
    "날씨",
    "뉴스",
    "경제",
    "정부",
    "시장",
    "회사",
    "직원",
    "학교",
    "선생님",
    "학생",
    "지하철",
    "역",
    "새로운",
    "발표",
    "조사",
    "결과",
    "가격",
    "상승",
    "했다",
    "하고",
    "있다",
    "에서",
    "으로",
    "에게",
    "이",
    "가",
    "을",
    "를",
    "은",
    "는",
    "의",
    "도",
];
const RUSSIAN_WORDS: &[&str] = &[
    "Москва",
    "сегодня",
    "погода",
    "новости",
    "экономика",
    "правительство",
    "рынок",
    "компания",
    "школа",
    "учитель",
    "студент",
    "цены",
    "выросли",
    "по",
    "данным",
    "в",
    "и",
    "на",
    "что",
    "это",
    "город",
    "жители",
    "заявил",
    "министр",
];

/// `words` joined into lines of sentences (`sep` between words, `end` after each sentence).
fn words_text(
    words: &'static [&'static str],
    sep: &'static str,
    end: &'static str,
) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::collection::vec(
            prop::collection::vec(prop::sample::select(words), 4..14),
            1..4,
        ),
        3..8,
    )
    .prop_map(move |lines| {
        lines
            .iter()
            .map(|sentences| {
                sentences
                    .iter()
                    .map(|w| w.join(sep) + end)
                    .collect::<Vec<_>>()
                    .join(if sep.is_empty() { "" } else { " " })
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
    })
}

/// The European words windows-1252 has every character of (not `ẞ`).
fn windows_1252_words() -> Vec<&'static str> {
    EUROPEAN_WORDS
        .iter()
        .copied()
        .filter(|w| !encoding_rs::WINDOWS_1252.encode(w).2)
        .collect()
}

/// Text in a language an encoding serves, and the encoding.
fn encoded_text() -> impl Strategy<Value = (&'static encoding_rs::Encoding, String)> {
    use encoding_rs::*;
    let japanese = || words_text(JAPANESE_WORDS, "", "。");
    prop_oneof![
        any_text(SIMPLIFIED).prop_map(|t| (UTF_8, t)),
        any_text(TRADITIONAL).prop_map(|t| (UTF_16LE, t)),
        any_text(SIMPLIFIED).prop_map(|t| (UTF_16BE, t)),
        any_text(SIMPLIFIED).prop_map(|t| (GBK, t)),
        any_text(SIMPLIFIED).prop_map(|t| (GB18030, t)),
        any_text(TRADITIONAL).prop_map(|t| (BIG5, t)),
        japanese().prop_map(|t| (SHIFT_JIS, t)),
        japanese().prop_map(|t| (EUC_JP, t)),
        words_text(KOREAN_WORDS, " ", ".").prop_map(|t| (EUC_KR, t)),
        prop::collection::vec(prop::sample::select(windows_1252_words()), 8..60)
            .prop_map(|w| (WINDOWS_1252, w.join(" ") + "\n")),
        words_text(RUSSIAN_WORDS, " ", ".").prop_map(|t| (WINDOWS_1251, t)),
    ]
}

/// `text` as bytes in `encoding` (UTF-16 with a byte order mark half of the time, as
/// `bom` says; encoding_rs only encodes UTF-16 through its decoder's inverse).
fn encode_as(encoding: &'static encoding_rs::Encoding, text: &str, bom: bool) -> Vec<u8> {
    if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        return encode_utf16(text, encoding == encoding_rs::UTF_16LE, bom);
    }
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "{} cannot encode {text:?}", encoding.name());
    let mut out = if bom && encoding == encoding_rs::UTF_8 {
        b"\xEF\xBB\xBF".to_vec()
    } else {
        Vec::new()
    };
    out.extend_from_slice(&bytes);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(256)
    ))]

    /// Every supported encoding: text encoded with encoding_rs decodes back to itself,
    /// detected without being told the encoding.
    #[test]
    fn decode_round_trips((encoding, text) in encoded_text(), bom in any::<bool>()) {
        let bytes = encode_as(encoding, &text, bom);
        prop_assert_eq!(decode_text(&bytes), text, "as {}", encoding.name());
    }
}
