//! The forms a quotation takes in news, on sentences written for this test: a quoted fragment
//! with no speech verb, an opening mark whose closing mark was lost, and scare quotes that are
//! no quotation at all (`ANNOTATION.md`: three words or fewer).

use isnad_extract::{extract_actors, Actor, ActorKind, Extraction};

fn actor(text: &str, id: &str, kind: ActorKind, mention: &str) -> Actor {
    let n = mention.chars().count();
    let mentions = text
        .match_indices(mention)
        .map(|(b, _)| text[..b].chars().count())
        .map(|s| (s, s + n))
        .collect();
    Actor {
        id: id.to_string(),
        kind,
        name: mention.to_string(),
        mentions,
    }
}

fn quotes(x: &Extraction) -> Vec<(&str, Option<&str>)> {
    x.quotes
        .iter()
        .map(|q| (q.text.as_str(), q.speaker.as_deref()))
        .collect()
}

#[test]
fn a_quoted_fragment_without_a_speech_verb_belongs_to_the_sentence_subject() {
    let text =
        "ووعد رئيس الوزراء خالد العمري باستمرار دعم \"المزارعين في القرى الجبلية والساحلية\" \
خلال الموسم المقبل. ووصف المعارضة \"الشريفة\" بأنها شريك.";
    let actors = [actor(text, "omari", ActorKind::Per, "خالد العمري")];
    let x = extract_actors(text, isnad_morph::Morphology::global(), &actors, None);
    assert_eq!(
        quotes(&x),
        [("المزارعين في القرى الجبلية والساحلية", Some("omari"))]
    );
}

#[test]
fn an_opening_mark_never_closed_runs_to_the_end_of_the_sentence() {
    let text = "وقال وزير الداخلية سامر الحلبي: «لن نسمح بأي تجاوز على الحدود الشمالية. \
وأضافت الوكالة أن الدوريات ستستمر.";
    let actors = [actor(text, "halabi", ActorKind::Per, "سامر الحلبي")];
    let x = extract_actors(text, isnad_morph::Morphology::global(), &actors, None);
    assert_eq!(
        quotes(&x),
        [("لن نسمح بأي تجاوز على الحدود الشمالية", Some("halabi"))]
    );
}

#[test]
fn a_title_before_the_name_does_not_make_the_speaker_unnamed() {
    // «عضو …» and «مسؤول …» open unnamed sources, unless the description goes on to name the
    // person (directly, or after a comma); a person behind a preposition stays in the
    // description of an unnamed source.
    let text = "وقال عضو مجلس المحافظة مراد الكبيسي، أمس، لوكالة الأنباء: «قررنا وقف التعامل مع \
الشركة المنفذة». وقال مسؤول الإعلام في الفرع الرابع، نادر السامرائي: «دمرت الطائرات مقرات \
التنظيم في المدينة». وقال مصدر مقرب من الرئيس حامد الزبيدي: «الرئيس سيعود إلى العاصمة قريبا».";
    let actors = [
        actor(text, "kubaisi", ActorKind::Per, "مراد الكبيسي"),
        actor(text, "samarrai", ActorKind::Per, "نادر السامرائي"),
        actor(text, "zubaidi", ActorKind::Per, "حامد الزبيدي"),
        actor(text, "agency", ActorKind::Org, "وكالة الأنباء"),
    ];
    let x = extract_actors(text, isnad_morph::Morphology::global(), &actors, None);
    assert_eq!(
        quotes(&x),
        [
            ("قررنا وقف التعامل مع الشركة المنفذة", Some("kubaisi")),
            ("دمرت الطائرات مقرات التنظيم في المدينة", Some("samarrai")),
            ("الرئيس سيعود إلى العاصمة قريبا", None),
        ]
    );
}

#[test]
fn a_subjectless_speech_verb_continues_the_previous_sentence_subject() {
    let text = "وذكرت وكالة الأنباء الرسمية أن الحكومة وافقت على الخطة. كما رحب الوزير سامي الحداد \
بالقرار في مؤتمر صحفي. وقال: «هذا القرار يفتح صفحة جديدة مع الجيران».";
    let actors = [
        actor(text, "agency", ActorKind::Org, "وكالة الأنباء الرسمية"),
        actor(text, "haddad", ActorKind::Per, "سامي الحداد"),
    ];
    let x = extract_actors(text, isnad_morph::Morphology::global(), &actors, None);
    assert_eq!(
        quotes(&x),
        [("هذا القرار يفتح صفحة جديدة مع الجيران", Some("haddad"))]
    );
}

#[test]
fn a_statement_speaks_for_who_issued_it_or_for_the_person_it_quotes() {
    let text =
        "وقال بيان صادر عن مجلس الرئاسة إن الرئيس بحث مع نظيره \"الحملة العسكرية الجارية في \
المحافظة الشرقية\". وتابع بيان وزارة المالية «تم تحويل الرواتب إلى جميع الموظفين». ونقل بيان \
لوزارة الطاقة عن فادي النجار قوله «إن الاتفاق سيؤثر على أسعار النفط كثيرا».";
    let actors = [
        actor(text, "council", ActorKind::Org, "مجلس الرئاسة"),
        actor(text, "finance", ActorKind::Org, "وزارة المالية"),
        actor(text, "energy", ActorKind::Org, "وزارة الطاقة"),
        actor(text, "najjar", ActorKind::Per, "فادي النجار"),
    ];
    let x = extract_actors(text, isnad_morph::Morphology::global(), &actors, None);
    assert_eq!(
        quotes(&x),
        [
            (
                "الحملة العسكرية الجارية في المحافظة الشرقية",
                Some("council")
            ),
            ("تم تحويل الرواتب إلى جميع الموظفين", Some("finance")),
            ("إن الاتفاق سيؤثر على أسعار النفط كثيرا", Some("najjar")),
        ]
    );
}
