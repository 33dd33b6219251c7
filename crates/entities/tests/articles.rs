//! Whole-article tests on short news texts written for this crate (conflict, diplomacy, economy,
//! sport), with the entities a reader would list.

use isnad_entities::{AnalyzedText, Entity, EntityRecognizer, EntityType};
use isnad_kb::Kb;

fn analyze(text: &str) -> Vec<Entity> {
    let doc = AnalyzedText::new(text, isnad_morph::Morphology::global());
    let entities = EntityRecognizer::without_tagger(Kb::builtin()).recognize(&doc);
    // Every mention is exactly its slice of the text, and ids run e1, e2... in order.
    for (i, e) in entities.iter().enumerate() {
        assert_eq!(e.id, format!("e{}", i + 1));
        for m in &e.mentions {
            let slice: String = text.chars().skip(m.start).take(m.end - m.start).collect();
            assert_eq!(slice, m.text, "{e:?}");
        }
    }
    entities
}

fn texts(e: &Entity) -> Vec<&str> {
    e.mentions.iter().map(|m| m.text.as_str()).collect()
}

fn linked<'a>(es: &'a [Entity], kb_id: &str) -> &'a Entity {
    es.iter()
        .find(|e| e.kb_id.as_deref() == Some(kb_id))
        .unwrap_or_else(|| panic!("{kb_id} not found in {es:#?}"))
}

fn named<'a>(es: &'a [Entity], name: &str) -> &'a Entity {
    es.iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("{name} not found in {es:#?}"))
}

#[test]
fn conflict_article() {
    let text = "أعلنت حركة الجهاد الإسلامي، في بيان نشرته على قناتها في تيليغرام، مسؤوليتها عن \
إطلاق صواريخ من قطاع غزة. وقال المتحدث باسم الحركة أبو حمزة الغزاوي إن سرايا القدس ستواصل الرد. \
من جهته، قال الجيش الإسرائيلي إنه قصف مواقع للحركة في خان يونس. وأكد أبو حمزة أن المقاومة لن تتراجع.";
    let es = analyze(text);
    let pij = linked(&es, "pij");
    assert_eq!(texts(pij)[..2], ["حركة الجهاد الإسلامي", "الحركة"]);
    assert_eq!(pij.kind, EntityType::Org);
    let spokesman = named(&es, "أبو حمزة الغزاوي");
    assert_eq!(spokesman.kind, EntityType::Per);
    assert_eq!(texts(spokesman), ["أبو حمزة الغزاوي", "أبو حمزة"]);
    for id in ["telegram", "gaza", "saraya_al_quds", "idf", "khan_younis"] {
        linked(&es, id);
    }
    assert_eq!(es.len(), 7, "{es:#?}");
}

#[test]
fn diplomacy_article() {
    let text = "استقبل الرئيس المصري عبد الفتاح السيسي في القاهرة وزير الخارجية الأمريكي أنتوني \
بلينكن، وبحث الجانبان الأوضاع في السودان وليبيا. وقال المتحدث باسم الرئاسة السفير أحمد فهمي إن \
السيسي أكد رفض مصر لأي تدخل خارجي. وكان بلينكن قد زار الرياض الأسبوع الماضي والتقى ولي العهد \
السعودي الأمير محمد بن سلمان.";
    let es = analyze(text);
    assert_eq!(texts(linked(&es, "sisi")), ["عبد الفتاح السيسي", "السيسي"]);
    assert_eq!(texts(linked(&es, "blinken")), ["أنتوني بلينكن", "بلينكن"]);
    assert_eq!(named(&es, "أحمد فهمي").kind, EntityType::Per);
    for id in ["cairo", "sudan", "libya", "egypt", "riyadh", "mbs"] {
        linked(&es, id);
    }
    // Titles stay out of names.
    assert!(es
        .iter()
        .all(|e| !e.name.starts_with("الرئيس") && !e.name.starts_with("السفير")));
}

#[test]
fn economy_article() {
    let text = "قالت منظمة أوبك في تقريرها الشهري إن الطلب على النفط سيرتفع. وأوضح وزير الطاقة \
السعودي الأمير عبد العزيز بن سلمان أن تحالف أوبك+ ملتزم بخفض الإنتاج. وارتفعت أسهم شركة أرامكو \
بعد التقرير، بينما توقع صندوق النقد الدولي تباطؤ النمو في منطقة الشرق الأوسط.";
    let es = analyze(text);
    assert_eq!(texts(linked(&es, "opec")), ["منظمة أوبك"]);
    assert_eq!(texts(linked(&es, "opec_plus")), ["تحالف أوبك+"]);
    let minister = linked(&es, "abdulaziz_bin_salman");
    assert!(
        texts(minister).contains(&"عبد العزيز بن سلمان"),
        "{minister:?}"
    );
    for id in ["saudi_aramco", "imf", "middle_east"] {
        linked(&es, id);
    }
    // «وزير الطاقة السعودي» is a title of the prince here, not a second person.
    assert_eq!(
        es.iter().filter(|e| e.kind == EntityType::Per).count(),
        1,
        "{es:#?}"
    );
}

#[test]
fn sport_article() {
    let text = "فاز نادي الهلال على النصر بهدفين مقابل هدف، وسجل المهاجم سالم الدوسري هدف الفوز. \
وقال مدرب الفريق جورج جيسوس إن اللاعبين قدموا مباراة كبيرة، فيما حدد الاتحاد الآسيوي لكرة القدم \
موعد المباراة المقبلة في الدوحة.";
    let es = analyze(text);
    assert_eq!(texts(linked(&es, "al_hilal"))[0], "نادي الهلال");
    for id in ["al_nassr", "afc", "doha"] {
        linked(&es, id);
    }
    assert_eq!(named(&es, "سالم الدوسري").kind, EntityType::Per);
    assert_eq!(named(&es, "جورج جيسوس").kind, EntityType::Per);
}

#[test]
fn places_and_clitics() {
    let text = "وصلت المساعدات إلى مدينة كسلا عبر ميناء بورتسودان، وتوجه وفد أممي للخرطوم \
قبل أن يعود إلى بغداد وبالعراق يزور الموصل.";
    let es = analyze(text);
    assert_eq!(texts(linked(&es, "kassala")), ["مدينة كسلا"]);
    // A known place keeps its knowledge-base name; the mention keeps the head noun.
    let port = linked(&es, "port_sudan");
    assert_eq!(
        (port.name.as_str(), port.kind),
        ("بورتسودان", EntityType::Loc)
    );
    assert_eq!(texts(port), ["ميناء بورتسودان"]);
    // «للخرطوم» = ل + الخرطوم with the article's alef elided: the mention keeps the article's lam.
    assert_eq!(texts(linked(&es, "khartoum")), ["لخرطوم"]);
    assert_eq!(texts(linked(&es, "iraq")), ["العراق"]);
    for id in ["baghdad", "mosul"] {
        linked(&es, id);
    }
}

#[test]
fn kunyas_and_an_unknown_group() {
    let text = "أعلن تنظيم “أنصار الفجر” مسؤوليته عن الهجوم على قرية الحمرا شمال حلب. وقال \
أبوعبد الله الشامي، القيادي في التنظيم، إن مقاتليه سيطروا على القرية. ونقلت وكالة رويترز عن \
أبو عبد الله قوله إن الهجوم جاء ردا على اعتقال أم سلمة التونسية. وكان الشيخ عمر بن محمد المقدسي قد \
أسس التنظيم عام 2015.";
    let es = analyze(text);
    let group = es
        .iter()
        .find(|e| e.name.contains("أنصار الفجر"))
        .unwrap_or_else(|| panic!("the group is not found in {es:#?}"));
    assert_eq!(group.kind, EntityType::Org);
    assert_eq!(
        texts(group).iter().filter(|t| **t == "التنظيم").count(),
        2,
        "{group:?}"
    );
    let leader = named(&es, "أبوعبد الله الشامي");
    assert_eq!(leader.kind, EntityType::Per);
    assert_eq!(texts(leader), ["أبوعبد الله الشامي", "أبو عبد الله"]);
    assert_eq!(named(&es, "أم سلمة التونسية").kind, EntityType::Per);
    // The title «الشيخ» marks the founder's name without entering it.
    assert_eq!(named(&es, "عمر بن محمد المقدسي").kind, EntityType::Per);
    for id in ["reuters", "aleppo"] {
        linked(&es, id);
    }
}

#[test]
fn organizations_opened_by_head_nouns() {
    let text = "أعلنت جبهة تحرير الساحل، في بيان نقلته قناة الغد، انسحاب مقاتليها من بلدة \
كفرنبل. وقال مدير معهد دراسات الصحراء في الرباط إن الجبهة فقدت دعم حزب التجمع الوطني، \
وإن الحزب يستعد للانتخابات.";
    let es = analyze(text);
    let front = named(&es, "جبهة تحرير الساحل");
    assert_eq!(front.kind, EntityType::Org);
    assert_eq!(texts(front), ["جبهة تحرير الساحل", "الجبهة"]);
    let party = named(&es, "حزب التجمع الوطني");
    assert_eq!(party.kind, EntityType::Org);
    assert_eq!(texts(party), ["حزب التجمع الوطني", "الحزب"]);
    assert_eq!(named(&es, "معهد دراسات الصحراء").kind, EntityType::Org);
    assert_eq!(named(&es, "قناة الغد").kind, EntityType::Org);
    assert_eq!(named(&es, "بلدة كفرنبل").kind, EntityType::Loc);
    linked(&es, "rabat");
}

#[test]
fn compound_given_names_ending_in_allah() {
    // «X الله» is one given name; «الله» alone is a stop word that must not cut it.
    let text = "وقال المتحدث باسم الحزب محمد حسين فضل الله إن الحزب سيشارك في الحوار. ونقلت وكالة \
رويترز عن الناشط أحمد عطاء الله قوله إن اللجنة لم تجتمع، وحمد الرئيس الله على سلامة الوفد.";
    let es = analyze(text);
    assert_eq!(named(&es, "محمد حسين فضل الله").kind, EntityType::Per);
    assert_eq!(named(&es, "أحمد عطاء الله").kind, EntityType::Per);
    assert!(
        es.iter()
            .all(|e| e.mentions.iter().all(|m| m.text != "الله")),
        "{es:#?}"
    );
}

#[test]
fn tagger_spans_keep_both_halves_of_a_compound_name_and_drop_bare_titles() {
    // With the tagger: its span may start on «الله» («الله مجاهد») or be the title «آية الله»
    // alone; the entity is the whole name, never «آية».
    let text = "قال الأمين العام ذبيح الله مجاهد في كلمة متلفزة إن الحزب لن يتراجع. وقال المرشد \
الأعلى آية الله علي خامنئي إن بلاده لن تتراجع.";
    let doc = AnalyzedText::new(text, isnad_morph::Morphology::global());
    let es = EntityRecognizer::new(Kb::builtin()).recognize(&doc);
    assert_eq!(named(&es, "ذبيح الله مجاهد").kind, EntityType::Per);
    assert!(es.iter().all(|e| e.name != "آية"), "{es:#?}");
    assert!(es.iter().any(|e| e.name.ends_with("خامنئي")), "{es:#?}");
}

#[test]
fn definite_family_names_after_a_title_or_a_longer_name() {
    let text = "أعلن وزير المالية السعودي محمد الجدعان أن الحكومة ستخفض الإنفاق، وقال الجدعان إن \
الاقتصاد قادر على امتصاص الصدمة. وحضر الاجتماع من الجانب الكويتي الشيخ محمد العبد الله الصباح. \
وتكثر الزيارات في شهر رمضان المعظم، وقال إن محمد الوفد وصل أمس.";
    let es = analyze(text);
    let minister = named(&es, "محمد الجدعان");
    assert_eq!(texts(minister), ["محمد الجدعان", "الجدعان"]);
    assert_eq!(named(&es, "محمد العبد الله").kind, EntityType::Per);
    // A common definite noun after a bare given name, or the month's epithet, is no family name.
    assert!(
        es.iter()
            .all(|e| !e.name.contains("المعظم") && !e.name.contains("الوفد")),
        "{es:#?}"
    );
}

#[test]
fn names_after_lam_get_their_article_back_but_lebanon_keeps_its_lam() {
    // «للجيش» is ل + الجيش with the article's alef dropped; «للبنان» is ل + لبنان.
    let text = "قدمت فرنسا مساعدات للبنان، ودعما للجيش العراقي، وأكدت دعمها للأمم المتحدة.";
    // With the tagger, which finds «لبنان» behind its «ل».
    let es = EntityRecognizer::new(Kb::builtin())
        .recognize(&AnalyzedText::new(text, isnad_morph::Morphology::global()));
    let army = linked(&es, "iraqi_army");
    assert_eq!(army.name, "الجيش العراقي");
    assert_eq!(texts(army), ["لجيش العراقي"]);
    assert_eq!(linked(&es, "lebanon").name, "لبنان");
    assert_eq!(linked(&es, "united_nations").name, "الأمم المتحدة");
}

#[test]
fn wilaya_is_a_state_a_term_or_an_islamic_state_province() {
    let us = analyze("وصل الحاكم إلى ولاية كاليفورنيا قبل أن يسعى الرئيس إلى ولاية ثالثة.");
    assert_eq!(named(&us, "ولاية كاليفورنيا").kind, EntityType::Loc);
    assert!(us.iter().all(|e| !e.name.contains("ثالثة")), "{us:#?}");
    let isis = analyze(
        "أعلن تنظيم داعش أن مقاتليه في ولاية نينوى هاجموا القوات العراقية، وتبنى فرعه في ولاية \
العراق تفجيرا آخر.",
    );
    // Beside the Islamic State a «ولاية» is its province: an organization, not the place, and the
    // name stops before the verb.
    assert_eq!(named(&isis, "ولاية نينوى").kind, EntityType::Org);
    let province = named(&isis, "ولاية العراق");
    assert_eq!(province.kind, EntityType::Org);
    assert_eq!(province.kb_id, None);
}

#[test]
fn family_names_made_like_a_kunya() {
    let text = "واتهم المتحدث باسم الخارجية المصرية أحمد أبو زيد جماعة الإخوان المسلمين بنشر \
الشائعات، فيما اقتحم جنود منزلا لتوقيف محمد أبو خضير. وقال أبو حمزة إن الطريق مغلقة.";
    let es = analyze(text);
    assert_eq!(named(&es, "أحمد أبو زيد").kind, EntityType::Per);
    assert_eq!(named(&es, "محمد أبو خضير").kind, EntityType::Per);
    // A kunya on its own is still a person of its own.
    assert_eq!(named(&es, "أبو حمزة").kind, EntityType::Per);
}

#[test]
fn tagger_person_spans_start_at_the_name_not_inside_the_office() {
    // The tagger may open a person inside the office before the name («الخارجية المغربي …»
    // once «وزير» is trimmed); the mention starts at the name, as the grammar's do, while a span
    // that opens with a title used with the name keeps it.
    let text = "قال وزير الخارجية المغربي عادل الجبوري إن المفاوضات مستمرة. وأكد رئيس الوزراء \
التونسي حيدر الماجد أن الحكومة ماضية في الإصلاح. وأضاف الجبوري أن اللقاء المقبل في الرباط.";
    let doc = AnalyzedText::new(text, isnad_morph::Morphology::global());
    let es = EntityRecognizer::new(Kb::builtin()).recognize(&doc);
    for name in ["عادل الجبوري", "حيدر الماجد"] {
        assert_eq!(named(&es, name).kind, EntityType::Per, "{es:#?}");
    }
    let office = ["الخارجية", "الوزراء", "المغربي", "التونسي"];
    for e in &es {
        for m in &e.mentions {
            assert!(
                !office.iter().any(|w| m.text.starts_with(w)),
                "{m:?} starts inside an office"
            );
        }
    }
}

#[test]
fn outlets_in_a_press_review_keep_their_knowledge_base_names() {
    // Outlets after a head noun and inside quote marks link to their entries, and a known actor
    // is named as the knowledge base names it, or by the knowledge base's spelling the document
    // uses («لوفيجارو», an alias of «لوفيغارو»).
    let text = "ذكرت صحيفة \"يديعوت أحرونوت\" الإسرائيلية أن الحكومة تدرس الخطة. ونقلت صحيفة \
«عكاظ» عن مصادر مطلعة أن الاجتماع تأجل، فيما قالت قناة \"ام تي في\" اللبنانية إن الوفد وصل. \
وأضافت صحيفة لوفيجارو الفرنسية أن باريس تتابع الملف.";
    let es = analyze(text);
    for (id, name) in [
        ("yedioth", "يديعوت أحرونوت"),
        ("okaz", "عكاظ"),
        ("mtv_lebanon", "إم تي في"),
        ("le_figaro", "لوفيجارو"),
    ] {
        let e = linked(&es, id);
        assert_eq!((e.name.as_str(), e.kind), (name, EntityType::Org), "{e:#?}");
    }
}

#[test]
fn a_body_named_after_a_place_is_an_organization_not_the_place() {
    let text = "أعلنت شرطة دبي القبض على شبكة احتيال، وقالت إن شرطة لندن ساعدت في التحقيق. \
وفاز منتخب مصر على ضيفه في القاهرة.";
    let es = analyze(text);
    for name in ["شرطة دبي", "شرطة لندن", "منتخب مصر"] {
        let e = named(&es, name);
        assert_eq!(
            (e.kind, e.kb_id.as_deref()),
            (EntityType::Org, None),
            "{e:#?}"
        );
    }
    assert_eq!(linked(&es, "cairo").kind, EntityType::Loc);
}

#[test]
fn cities_beyond_the_capitals_and_place_names_that_are_common_words() {
    // Cities of the region and the world are places; a city whose name is also an ordinary
    // word («الخبر» the news, «سيول» floods) is one only when something else marks it.
    let text = "وصل الوفد إلى جوبا قادما من أديس أبابا، فيما شهدت مدينتا أبها وجاكرتا \
احتجاجات. ونقل الخبر عن شهود أن سيول الأمطار جرفت طرقا في الريف.";
    let es = analyze(text);
    for id in ["juba", "addis_ababa", "abha", "jakarta"] {
        assert_eq!(linked(&es, id).kind, EntityType::Loc);
    }
    for id in ["khobar", "seoul"] {
        assert!(es.iter().all(|e| e.kb_id.as_deref() != Some(id)), "{es:#?}");
    }
}

#[test]
fn common_words_after_a_given_name_or_behind_a_clitic_are_no_person() {
    // «لدينا» is "we have", not «ل» + the given name «دينا»; the tagger, not the grammar,
    // decides whether the word after a given name is a family name («أحمد بشكل» is not).
    let text = "وقال أحمد بشكل واضح إن الأمر انتهى. وأضاف: نحن لدينا جبهات كثيرة مفتوحة.";
    let doc = AnalyzedText::new(text, isnad_morph::Morphology::global());
    let es = EntityRecognizer::new(Kb::builtin()).recognize(&doc);
    let names: Vec<&str> = es.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["أحمد"], "{es:#?}");
}

#[test]
fn a_head_noun_with_a_common_adjective_is_a_description_not_a_name() {
    let text = "وصنفت الحكومة الجماعة منظمة إرهابية، وأعلنت البلدة منطقة آمنة، ففر السكان إلى \
قرية قريبة ثم إلى قرية بايبوخت.";
    let es = analyze(text);
    let names: Vec<&str> = es.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["قرية بايبوخت"], "{es:#?}");
    assert_eq!(es[0].kind, EntityType::Loc);
}

#[test]
fn an_office_named_alone_stands_for_the_person_the_document_gave_it() {
    let text = "وقال وزير الخارجية المغربي نادر العلوي إن الحوار مستمر. وأضاف وزير الخارجية \
المغربي أن الجولة المقبلة في الرباط. أما وزير الخارجية الجزائري، فلم يعلق.";
    let es = analyze(text);
    let alaoui = named(&es, "نادر العلوي");
    assert_eq!(texts(alaoui), ["نادر العلوي", "وزير الخارجية المغربي"]);
    // Another office, never given to a named person here, stays its own (unnamed) actor.
    assert!(
        es.iter().any(|e| e.name == "وزير الخارجية الجزائري"),
        "{es:#?}"
    );
}
