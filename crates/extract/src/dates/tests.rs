//! Date tests on sentences written for them: each form with its expected span and value.

use super::*;
use crate::scan::scan;

fn dates(text: &str, published: Option<&str>) -> Vec<(String, String)> {
    let chars: Vec<char> = text.chars().collect();
    let words = scan(&chars);
    let r = Reference::parse(published);
    find(&chars, &words, r.as_ref())
        .into_iter()
        .map(|d| (d.text, d.value))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| ((*a).to_string(), (*b).to_string()))
        .collect()
}

#[test]
fn month_day_without_year() {
    assert_eq!(
        dates("نشرت في 24 فبراير، ثم", None),
        pairs(&[("24 فبراير", "--02-24")])
    );
}

#[test]
fn double_month_names_and_direction() {
    let got = dates("منذ 4 إبريل/ نيسان الماضي، هجوما", Some("2019-08-06"));
    assert_eq!(got, pairs(&[("4 إبريل/ نيسان الماضي", "2019-04-04")]));
}

#[test]
fn glued_year_numeric_and_season() {
    assert_eq!(
        dates("بتاريخ 18 تموز2012.", None),
        pairs(&[("18 تموز2012", "2012-07-18")])
    );
    assert_eq!(
        dates("يوم 12/10/2016 و2016-10-13", None)[0],
        ("12/10/2016".into(), "2016-10-12".into())
    );
    assert_eq!(
        dates("للموسم الجاري 2025-2026.", None),
        pairs(&[("2025-2026", "2025/2026")])
    );
    assert!(dates("بنتيجة 2-0 في الدقيقة 47", None).is_empty());
    assert_eq!(
        dates("وصدر القرار بتاريخ 3/ 9/ 2014، ثم", None),
        pairs(&[("3/ 9/ 2014", "2014-09-03")])
    );
}

#[test]
fn weekdays_and_relative_days() {
    let got = dates(
        "اليوم الثلاثاء، وضرب مساء الأحد، وقتل أمس",
        Some("2019-12-31"),
    );
    assert_eq!(got[0], ("اليوم الثلاثاء".into(), "2019-12-31".into()));
    assert_eq!(got[1], ("مساء الأحد".into(), "2019-12-29".into()));
    assert_eq!(got[2], ("أمس".into(), "2019-12-30".into()));
    assert_eq!(dates("والأربعاء جددت", None), pairs(&[("الأربعاء", "----")]));
    assert_eq!(
        dates("يوم الخميس 2 نوفمبر 2023،", None),
        pairs(&[("يوم الخميس 2 نوفمبر 2023", "2023-11-02")])
    );
}

#[test]
fn years_and_hijri() {
    assert_eq!(
        dates("في عام 2024م.", None),
        pairs(&[("عام 2024م", "2024")])
    );
    assert_eq!(
        dates("في 1 رمضان 1440هـ", None),
        pairs(&[("1 رمضان 1440هـ", "2019-05-06")])
    );
    assert!(dates("صام رمضان", None).is_empty());
    assert_eq!(dates("الأسبوع الماضي", Some("2017-02-20"))[0].1, "2017-W07");
}

/// «أمس الأحد», «اليوم (الخميس)», «أمس، الأربعاء»: one mention; its weekday moves the reference
/// day when the publication date is the day after the article was written.
#[test]
fn relative_day_with_its_weekday() {
    let got = dates(
        "قال الوزير أمس الأحد إن الحوار مستمر، وأعلن اليوم أن الوفد يصل غدا",
        Some("2016-03-08"),
    );
    assert_eq!(
        got,
        pairs(&[
            ("أمس الأحد", "2016-03-06"),
            ("اليوم", "2016-03-07"),
            ("غدا", "2016-03-08"),
        ])
    );
    assert_eq!(
        dates("وصرح المتحدث اليوم (الخميس) بأن", Some("2016-03-10")),
        pairs(&[("اليوم (الخميس)", "2016-03-10")])
    );
    assert_eq!(
        dates("في اجتماع عقده أمس، الأربعاء، في", Some("2016-03-10")),
        pairs(&[("أمس، الأربعاء", "2016-03-09")])
    );
}

#[test]
fn days_before_yesterday_and_nights() {
    let got = dates(
        "وصل أول من أمس ثم غادر مساء أول من أمس، وكان قد وصل أمس الأول",
        Some("2016-03-10"),
    );
    assert_eq!(
        got,
        pairs(&[
            ("أول من أمس", "2016-03-08"),
            ("مساء أول من أمس", "2016-03-08"),
            ("أمس الأول", "2016-03-08"),
        ])
    );
    assert_eq!(
        dates(
            "واندلعت الاشتباكات الليلة الماضية، وهدأت صباح اليوم",
            Some("2016-03-10")
        ),
        pairs(&[
            ("الليلة الماضية", "2016-03-09"),
            ("صباح اليوم", "2016-03-10")
        ])
    );
    assert_eq!(
        dates("وجرت الغارات الليلة قبل الماضية", Some("2016-03-10")),
        pairs(&[("الليلة قبل الماضية", "2016-03-08")])
    );
    assert_eq!(
        dates(
            "صوت النواب ليل الاثنين/ الثلاثاء على القانون",
            Some("2016-03-10")
        ),
        pairs(&[("ليل الاثنين/ الثلاثاء", "2016-03-07")])
    );
}

/// «عين اليوم» and «لـ"اليوم"» name outlets, not days.
#[test]
fn today_as_a_name() {
    assert!(dates("موقع اليوم – الرياض\nقال", Some("2016-03-10")).is_empty());
    assert!(dates("وقال مصدر لـ\"اليوم\" إن", Some("2016-03-10")).is_empty());
}

#[test]
fn levantine_and_egyptian_names_together() {
    let got = dates(
        "في يوليو تموز 2013 ثم في نيسان - إبريل ثم مارس آذار الماضي",
        Some("2015-08-05"),
    );
    assert_eq!(
        got,
        pairs(&[
            ("يوليو تموز 2013", "2013-07"),
            ("نيسان - إبريل", "2015-04"),
            ("مارس آذار الماضي", "2015-03"),
        ])
    );
}

#[test]
fn ordinal_days_and_months_of_a_year() {
    let got = dates(
        "تعقد الجلسة في الأول من أكتوبر المقبل، وجرت الانتخابات في السابع من يونيو الماضي",
        Some("2015-08-05"),
    );
    assert_eq!(
        got,
        pairs(&[
            ("الأول من أكتوبر المقبل", "2015-10-01"),
            ("السابع من يونيو الماضي", "2015-06-07"),
        ])
    );
    assert_eq!(
        dates("ويعلن ترشحه في 17 من الشهر الحالي", Some("2015-08-05")),
        pairs(&[("17 من الشهر الحالي", "2015-08-17")])
    );
    assert_eq!(
        dates("وقعت في شهر مايو من العام الماضي", Some("2015-08-05")),
        pairs(&[("شهر مايو من العام الماضي", "2014-05")])
    );
    assert_eq!(
        dates(
            "الزيارة في شهر سبتمبر أو أكتوبر المقبلين",
            Some("2015-08-05")
        ),
        pairs(&[("شهر سبتمبر أو أكتوبر المقبلين", "2015-09")])
    );
    assert_eq!(
        dates("يجتمع يومي 27 و28 أكتوبر", Some("2015-08-05")),
        pairs(&[("27 و28 أكتوبر", "2015-10-27")])
    );
    // A month with no year is the nearest one; «المقبل» in the month itself is this month.
    assert_eq!(
        dates("يستحق القسط في 20 أغسطس", Some("2015-07-21"))[0].1,
        "2015-08-20"
    );
    assert_eq!(
        dates("يبدأ التطبيق في أغسطس المقبل", Some("2015-08-05"))[0].1,
        "2015-08"
    );
}

#[test]
fn periods_positions_and_seasons() {
    let got = dates(
        "صدرت الأحكام مطلع الشهر الجاري، وستنتهي نهاية العام الحالي، وتعود إلى منتصف أغسطس",
        Some("2015-07-20"),
    );
    assert_eq!(
        got,
        pairs(&[
            ("مطلع الشهر الجاري", "2015-07"),
            ("نهاية العام الحالي", "2015"),
            ("منتصف أغسطس", "2015-08"),
        ])
    );
    assert_eq!(
        dates(
            "زار البلاد هذا الأسبوع وأُغلق الميناء منذ الخريف الماضي",
            Some("2015-07-20")
        ),
        pairs(&[("هذا الأسبوع", "2015-W30"), ("الخريف الماضي", "2014")])
    );
    assert_eq!(
        dates("بدأت المعارك في صيف 2012 وتصاعدت أواخر 2013", None),
        pairs(&[("صيف 2012", "2012"), ("أواخر 2013", "2013")])
    );
    assert_eq!(
        dates("قتل عام 2004، وفي العام ذاته اعتقل شقيقه", None),
        pairs(&[("عام 2004", "2004"), ("العام ذاته", "2004")])
    );
}

#[test]
fn ago_years_decades_and_feasts() {
    let got = dates(
        "سقطت المدينة قبل يومين، وبدأ الحصار قبل نحو شهرين، واندلعت الحرب قبل أربع سنوات",
        Some("2015-07-20"),
    );
    assert_eq!(
        got,
        pairs(&[
            ("قبل يومين", "2015-07-18"),
            ("قبل نحو شهرين", "2015-05"),
            ("قبل أربع سنوات", "2011"),
        ])
    );
    // «منذ» with a count is a duration.
    assert!(dates("يقاتلون منذ ثلاث سنوات", Some("2015-07-20")).is_empty());
    assert_eq!(
        dates("ولد في بغداد 1990 وقاتل في التسعينات", None),
        pairs(&[("1990", "1990"), ("التسعينات", "199-")])
    );
    assert!(dates("أطلق سراح أكثر من 2000 مختطف بموجب القرار 2231", None).is_empty());
    assert!(dates("اشتعلت النيران في شارع 26 سبتمبر", None).is_empty());
    assert_eq!(
        dates("ألقى كلمة بمناسبة عيد الفطر المبارك", Some("2015-07-20")),
        pairs(&[("عيد الفطر المبارك", "2015-07-18")])
    );
}

#[test]
fn hijri_months_and_years() {
    assert_eq!(
        dates("مساء يوم الثلاثاء 27 رمضان 1436 هـ", None),
        pairs(&[("مساء يوم الثلاثاء 27 رمضان 1436 هـ", "2015-07-14")])
    );
    assert_eq!(
        dates("في الأيام الأخيرة من شهر رمضان", Some("2015-07-25")),
        pairs(&[("شهر رمضان", "2015-07")])
    );
    assert_eq!(
        dates("خطط لها عام 1423", None),
        pairs(&[("عام 1423", "----")])
    );
    assert_eq!(
        dates("منذ رمضان الماضي", Some("2015-08-20")),
        pairs(&[("رمضان الماضي", "2015-07")])
    );
}
