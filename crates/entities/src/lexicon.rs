//! Closed word classes of the name grammar: titles, organization and place heads, kunya words,
//! stop words, and the given-name list. All are compared by search key.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use isnad_kb::{search_key, EntityType};

/// Given names, shipped beside the knowledge base (`kb/given_names.txt`).
const GIVEN_NAMES: &str = include_str!("../../../kb/given_names.txt");

/// Titles and roles that mark a following person name without being part of it.
const TITLES: &[&str] = &[
    "الشيخ", "شيخ", "القيادي", "الرئيس", "رئيس", "الوزير", "وزير", "العميد", "اللواء", "العقيد",
    "المقدم", "الرائد", "النقيب", "الجنرال", "الفريق", "المشير", "الأميرال", "الإميرال", "الأمير",
    "أمير", "زعيم", "قائد", "القائد", "الزعيم", "المتحدث", "الناطق", "السيد", "السيدة", "الدكتور",
    "د", "القاضي", "الملك", "الإمام", "المرشد", "النائب", "السفير", "المدرب", "اللاعب", "الحاج",
    "الصحفي", "الصحافي", "الكاتب", "المحلل", "الأستاذ", "السيناتور", "المستشار", "المبعوث",
    "المفتي", "العاهل", "ولي", "الداعية", "المراسل", "المواطن", "الشاب", "الطفل", "المعارض",
    "الناشط", "المسؤول", "المدير", "الأمين", "السلطان", "الرقيب", "الجندي", "القس", "البابا",
    "المهندس", "المحامي", "المهاجم", "الحارس", "المدافع", "النجم", "مدرب", "لاعب", "الطبيب", "الخبير", "الباحث", "الفنان", "المطرب", "الممثل", "المخرج",
];

/// Modifiers that may sit between a title and the name («اللواء المتقاعد خليفة حفتر»).
const TITLE_MODIFIERS: &[&str] = &[
    "المتقاعد", "السابق", "الأسبق", "الجديد", "الراحل", "المؤقت", "الحالي", "الركن", "الأول",
    "الرسمي", "العام", "المكلف", "المنتخب", "الأعلى", "الإعلامي", "العسكري", "الميداني",
];

/// Head nouns that open an organization name («حركة حماس», «تنظيم “داعش”»).
const ORG_HEADS: &[&str] = &[
    "حركة", "تنظيم", "جماعة", "كتائب", "كتيبة", "جبهة", "حزب", "ولاية", "معهد", "مركز", "وزارة",
    "جيش", "وكالة", "صحيفة", "جريدة", "مجلة", "قناة", "قوات", "مجلس", "منظمة", "هيئة", "شركة",
    "مؤسسة", "جامعة", "نادي", "منتخب", "اتحاد", "فيلق", "سرايا", "ألوية", "لواء", "جمعية", "تحالف",
    "ائتلاف", "ميليشيا", "ميليشيات", "مليشيا", "مليشيات", "فصيل", "منصة", "شبكة", "إذاعة",
    "مجموعة", "محكمة", "بنك", "مصرف", "صندوق", "برنامج", "لجنة", "سفارة", "حكومة", "موقع",
    "مرصد", "رابطة", "نقابة", "تيار", "دائرة", "جهاز", "مديرية", "قيادة", "غرفة",
];

/// Heads that, without a quoted or known name after them, usually start an ordinary noun phrase
/// («مركز المدينة», «قوات الأمن»): they open a name only with a quote or a known name.
const WEAK_ORG_HEADS: &[&str] = &[
    "مركز", "قوات", "مجلس", "جيش", "شركة", "مؤسسة", "جامعة", "برنامج", "لجنة", "سفارة", "حكومة",
    "موقع", "شبكة", "مجموعة", "محكمة", "بنك", "مصرف", "صندوق", "دائرة", "جهاز", "قيادة", "غرفة",
    "لواء", "اتحاد", "تحالف", "منصة", "فصيل", "نادي", "منتخب", "مديرية", "تيار", "رابطة",
    "نقابة", "ميليشيا", "ميليشيات", "مليشيا", "مليشيات", "كتيبة", "جمعية", "هيئة", "وزارة",
];

/// Head nouns that open a place name («مدينة غزة», «حي ودجر»).
const LOC_HEADS: &[&str] = &[
    "مدينة", "محافظة", "حي", "مقاطعة", "منطقة", "بلدة", "قرية", "ميناء", "مرفأ", "مطار", "ولاية",
    "إقليم", "جزيرة", "مخيم", "معبر", "العاصمة", "عاصمة", "شارع", "ساحة", "سجن", "قضاء", "ناحية",
];

/// Offices whose holder is named by the office and a nationality when no name follows
/// («السفير الأمريكي», «وزير الدفاع الأمريكي»).
const OFFICES: &[&str] = &[
    "وزير", "الوزير", "السفير", "سفير", "رئيس", "الرئيس", "القنصل", "المبعوث", "الملك", "العاهل",
    "ولي", "قائد", "رئيسة",
];

/// Nationality adjectives (masculine and feminine) that make an office a specific person.
const NATIONALITIES: &[&str] = &[
    "الأمريكي", "الأميركي", "الروسي", "الصيني", "الفرنسي", "البريطاني", "الألماني", "التركي",
    "الإيراني", "الإسرائيلي", "المصري", "السعودي", "الإماراتي", "القطري", "الكويتي", "البحريني",
    "العماني", "اليمني", "العراقي", "السوري", "اللبناني", "الأردني", "الفلسطيني", "الليبي",
    "التونسي", "الجزائري", "المغربي", "الموريتاني", "السوداني", "الصومالي", "الإثيوبي",
    "الأوكراني", "الإيطالي", "الإسباني", "الياباني", "الهندي", "الباكستاني", "الأفغاني",
    "الكندي", "الأسترالي", "الهولندي", "البلجيكي", "السويدي", "النرويجي", "الكوري", "البرازيلي",
];

/// Words after which a (quoted) word is a person's name: «شخص يُدعى "سمير"».
const CALLED: &[&str] = &["يدعى", "تدعى", "المدعو", "المدعوة", "يلقب", "الملقب", "الملقبة", "اسمه", "واسمه"];

/// People nouns after which a quoted name is the outlet they work for: «محرر "يمن اتحادي"».
const OUTLET_STAFF: &[&str] = &["محرر", "مراسل", "مراسلة", "محررة", "مذيع", "مذيعة", "موقع"];

/// Kunya words: «أبو بكر», «أم كلثوم».
const KUNYA: &[&str] = &["أبو", "أبي", "أبا", "أم", "ابو"];

/// Words that link a name to a father's name.
const LINEAGE: &[&str] = &["بن", "ابن", "بنت"];

/// Definite head nouns that refer back to a named organization of the same head
/// («الحركة» → «حركة حماس»), with the head they stand for.
const ANAPHORA: &[(&str, &str)] = &[
    ("الحركة", "حركة"),
    ("التنظيم", "تنظيم"),
    ("الجماعة", "جماعة"),
    ("الوزارة", "وزارة"),
    ("الجيش", "جيش"),
    ("الحزب", "حزب"),
    ("الجبهة", "جبهة"),
    ("الوكالة", "وكالة"),
    ("الصحيفة", "صحيفة"),
    ("القناة", "قناة"),
    ("المنظمة", "منظمة"),
    ("الهيئة", "هيئة"),
    ("الكتائب", "كتائب"),
    ("الميليشيا", "ميليشيا"),
    ("الميليشيات", "ميليشيات"),
    ("المليشيات", "مليشيات"),
    ("المحكمة", "محكمة"),
    ("الحكومة", "حكومة"),
    ("الولاية", "ولاية"),
    ("المعهد", "معهد"),
    ("المركز", "مركز"),
    ("المجلس", "مجلس"),
    ("الفريق", "نادي"),
    ("النادي", "نادي"),
    ("التحالف", "تحالف"),
    ("السفارة", "سفارة"),
    ("السفير", "سفير"),
    ("الوزير", "وزير"),
];

/// Function words and frequent verbs and nouns that end a name: a name token is never one.
const STOP: &[&str] = &[
    "في", "من", "إلى", "الى", "على", "عن", "مع", "بين", "حول", "ضد", "عبر", "منذ", "حتى",
    "لدى", "لدي", "عند", "خلال", "بعد", "قبل", "أمام", "خلف", "تحت", "فوق", "دون", "نحو", "إن",
    "أن", "ان", "إذا", "اذا", "لو", "لا", "لم", "لن", "ما", "ماذا", "هل", "قد", "لقد", "كان",
    "كانت", "يكون", "تكون", "ليس", "ليست", "هو", "هي", "هم", "هن", "نحن", "أنا", "أنت", "أنتم",
    "هذا", "هذه", "ذلك", "تلك", "هؤلاء", "أولئك", "الذي", "التي", "الذين", "اللذين", "اللتين",
    "اللواتي", "كل", "بعض", "أي", "غير", "سوى", "أكثر", "أقل", "أحد", "إحدى", "جميع", "كما",
    "أيضا", "ثم", "أو", "أم", "بل", "لكن", "لكنه", "حيث", "بينما", "عندما", "كيف", "أين", "متى",
    "قال", "قالت", "يقول", "تقول", "أكد", "أكدت", "يؤكد", "أضاف", "أضافت", "أوضح", "أوضحت",
    "أشار", "أشارت", "كتب", "كتبت", "يكتب", "ذكر", "ذكرت", "أعلن", "أعلنت", "يعلن", "نفى",
    "نفت", "ينفي", "اعتبر", "اعتبرت", "صرح", "صرحت", "طالب", "طالبت", "دعا", "دعت", "وصف",
    "وصفت", "حذر", "حذرت", "يحذر", "أفاد", "أفادت", "تابع", "تابعت", "زار", "زارت", "التقى",
    "التقت", "استقبل", "استقبلت", "بحث", "بحثت", "وصل", "وصلت", "قام", "قامت", "يقوم", "تقوم",
    "أمس", "اليوم", "غدا", "الآن", "حاليا", "مساء", "صباح", "يوم", "عام", "سنة", "شهر", "أسبوع",
    "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "وفقا", "بحسب",
    "حسب", "نقلا", "إثر", "جراء", "بسبب", "رغم", "بشأن", "لأن", "كي", "لكي", "ولا", "وهو", "وهي",
    "الرئيس", "رئيس", "وزير", "الوزير", "زعيم", "قائد", "المتحدث", "الناطق", "باسم", "بإسم",
    "اسم", "الرسالة", "رسالة", "بيان", "البيان", "مصدر", "مصادر", "مسؤول", "مسؤولين", "عضو",
    "أعضاء", "عدد", "نحو", "حوالي", "جدا", "فقط", "أيضا", "ذاته", "نفسه", "نفسها", "عليه", "عليها",
    "منه", "منها", "فيه", "فيها", "له", "لها", "لهم", "به", "بها", "إنه", "إنها", "أنه", "أنها",
    "يا", "هناك", "هنا", "الله", "صلى", "الدولة", "الحكومة", "الأمن", "الحرب", "السلام", "الشعب",
    "المسلمين", "المسلمون", "القطاع", "خارج", "داخل", "ضمن", "عدة", "أخرى", "آخر", "وسط",
    "قرب", "بالقرب", "لدى", "إحدى", "معروف", "يدعى", "شخص", "كلمة", "مصدرا", "فهو", "فهي", "فإن", "وإن", "فقد", "وقد", "المنطقة", "العالم", "الناس", "الإخوة", "الأخ",
];

/// The grammar's closed classes, normalized to search keys once.
#[derive(Debug)]
pub(crate) struct Lexicon {
    pub titles: HashSet<String>,
    pub title_modifiers: HashSet<String>,
    pub org_heads: HashSet<String>,
    pub weak_org_heads: HashSet<String>,
    pub loc_heads: HashSet<String>,
    pub kunya: HashSet<String>,
    pub lineage: HashSet<String>,
    pub anaphora: HashMap<String, String>,
    pub offices: HashSet<String>,
    pub nationalities: HashSet<String>,
    pub called: HashSet<String>,
    pub outlet_staff: HashSet<String>,
    pub stop: HashSet<String>,
    /// Given name key → whether it is also an everyday word.
    pub given: HashMap<String, bool>,
}

fn keys(words: &[&str]) -> HashSet<String> {
    words.iter().map(|w| search_key(w)).collect()
}

impl Lexicon {
    pub fn global() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            let mut given = HashMap::new();
            for line in GIVEN_NAMES.lines().map(str::trim) {
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let (weak, name) = match line.strip_prefix('~') {
                    Some(n) => (true, n),
                    None => (false, line),
                };
                given.insert(search_key(name), weak);
            }
            Lexicon {
                titles: keys(TITLES),
                title_modifiers: keys(TITLE_MODIFIERS),
                org_heads: keys(ORG_HEADS),
                weak_org_heads: keys(WEAK_ORG_HEADS),
                loc_heads: keys(LOC_HEADS),
                kunya: keys(KUNYA),
                lineage: keys(LINEAGE),
                anaphora: ANAPHORA
                    .iter()
                    .map(|(a, h)| (search_key(a), search_key(h)))
                    .collect(),
                stop: keys(STOP),
                offices: keys(OFFICES),
                nationalities: keys(NATIONALITIES),
                called: keys(CALLED),
                outlet_staff: keys(OUTLET_STAFF),
                given,
            }
        })
    }

    /// The type a head noun gives the name it opens, if it is one.
    pub fn head_type(&self, key: &str) -> Option<EntityType> {
        if self.org_heads.contains(key) {
            Some(EntityType::Org)
        } else if self.loc_heads.contains(key) {
            Some(EntityType::Loc)
        } else {
            None
        }
    }
}

/// Whether a key looks like a nisba adjective with the article («البغدادي», «المصرية»).
pub(crate) fn is_definite_nisba(key: &str) -> bool {
    key.starts_with("ال") && key.chars().count() >= 5 && (key.ends_with('ي') || key.ends_with("يه"))
}

/// Whether a key looks like a sound plural or dual («المسلمين», «المقاتلون», «الولايات»),
/// which names rarely are.
pub(crate) fn looks_plural(key: &str) -> bool {
    key.chars().count() >= 6 && (key.ends_with("ين") || key.ends_with("ون") || key.ends_with("ات"))
}
