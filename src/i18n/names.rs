//! The words of the default names the model gives to what it creates ([`Name`]), and the
//! namer that fills a new plan, stage or role with them in the page's language.

use crate::model::funnel::FunnelInputs;
use crate::model::headcount::{HeadcountInputs, Role};
use crate::model::ltv::LtvInputs;
use crate::model::{Name, Plan};

use super::{presets, tr, Lang};

/// The name in `lang`.
pub fn name(lang: Lang, name: Name) -> &'static str {
    match name {
        Name::Preset(preset) => presets::title(lang, preset),
        Name::DemoPlan => tr(lang, "Демо-план", "Demo plan"),
        Name::DemoClient => tr(lang, "Демо-клиент", "Demo client"),
        Name::NewStage => tr(lang, "Новый этап", "New stage"),
        Name::Leads => tr(lang, "Лиды", "Leads"),
        Name::Qualified => tr(lang, "Квалифицированы", "Qualified"),
        Name::Meetings => tr(lang, "Встречи", "Meetings"),
        Name::Deals => tr(lang, "Сделки", "Deals"),
        Name::FirstOrder => tr(lang, "Первый заказ", "First order"),
        Name::InboundLeads => tr(lang, "Заявки", "Inbound leads"),
        Name::DiscoveryCall => tr(lang, "Выявление потребности", "Discovery call"),
        Name::Presentation => tr(lang, "Презентация", "Presentation"),
        Name::Proposal => tr(lang, "Коммерческое предложение", "Proposal"),
        Name::Contract => tr(lang, "Договор", "Contract"),
        Name::AdRequests => tr(lang, "Заявки с рекламы", "Ad requests"),
        Name::ConsultationBooked => tr(lang, "Запись на консультацию", "Consultation booked"),
        Name::Visit => tr(lang, "Визит", "Visit"),
        Name::CoursePaid => tr(lang, "Оплата курса", "Course paid"),
        Name::KeyAccounts => tr(lang, "A — ключевые", "A — key accounts"),
        Name::RegularAccounts => tr(lang, "B — постоянные", "B — regular"),
        Name::SmallAccounts => tr(lang, "C — мелкие", "C — small"),
        Name::ChainsAndWholesale => tr(
            lang,
            "A — сети и крупный опт",
            "A — chains and large wholesale",
        ),
        Name::RegularShops => tr(lang, "B — постоянные магазины", "B — regular shops"),
        Name::SmallRetail => tr(lang, "C — мелкая розница", "C — small retail"),
        Name::Enterprise => tr(lang, "Крупный бизнес", "Enterprise"),
        Name::MidMarket => tr(lang, "Средний бизнес", "Mid-market"),
        Name::OneOffProjects => tr(lang, "Разовые проекты", "One-off projects"),
        Name::RegularPatients => tr(lang, "Постоянные пациенты", "Regular patients"),
        Name::CoursePatients => tr(lang, "Курсовое лечение", "Course patients"),
        Name::OneOffVisits => tr(lang, "Разовые визиты", "One-off visits"),
        Name::NewRole => tr(lang, "Новая роль", "New role"),
        Name::Telemarketer => tr(lang, "Телемаркетолог", "Telemarketer"),
        Name::DevelopmentSpecialist => tr(lang, "Специалист по развитию", "Development specialist"),
        Name::OfficeSalesSpecialist => {
            tr(lang, "Специалист офисных продаж", "Office sales specialist")
        }
        Name::BackOffice => tr(lang, "Бэк-офис", "Back office"),
        Name::HeadOfSales => tr(lang, "Руководитель отдела продаж", "Head of sales"),
        Name::KeyAccountManager => tr(lang, "Клиентский менеджер (KAM)", "Key account manager"),
        Name::PresaleEngineer => tr(lang, "Пресейл-инженер", "Presale engineer"),
        Name::CallCentreOperator => tr(lang, "Оператор колл-центра", "Call centre operator"),
        Name::FrontDeskConsultant => tr(lang, "Администратор-консультант", "Front desk consultant"),
        Name::RenewalsManager => tr(lang, "Менеджер по продлениям", "Renewals manager"),
        Name::Seller => tr(lang, "Продавец", "Seller"),
    }
}

/// The namer the model's constructors take, e.g. `Plan::demo(&namer(lang))`.
pub fn namer(lang: Lang) -> impl Fn(Name) -> String {
    move |key| name(lang, key).to_string()
}

/// The name of seller row `row` (0-based) of the funnel diagnostics when none was typed:
/// "Seller 3". Given to a new row and shown for a row whose name is empty.
pub fn default_seller_name(row: usize, lang: Lang) -> String {
    format!("{} {}", tr(lang, "Продавец", "Seller"), row + 1)
}

// A stored plan missing a part (an old document, a short share link) takes the demo's part,
// named in the default language, as it always has.
impl Default for Plan {
    fn default() -> Self {
        Plan::demo(&namer(Lang::default()))
    }
}

impl Default for FunnelInputs {
    fn default() -> Self {
        FunnelInputs::demo(&namer(Lang::default()))
    }
}

impl Default for LtvInputs {
    fn default() -> Self {
        LtvInputs::demo(&namer(Lang::default()))
    }
}

impl Default for HeadcountInputs {
    fn default() -> Self {
        HeadcountInputs::demo(&namer(Lang::default()))
    }
}

impl Default for Role {
    fn default() -> Self {
        Role::new(&namer(Lang::default()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::funnel::{self, new_stage};
    use crate::model::headcount;
    use crate::model::plan::Preset;

    #[test]
    fn demo_names_follow_the_language() {
        let ru = Plan::demo(&namer(Lang::Ru));
        let en = Plan::demo(&namer(Lang::En));
        assert_eq!(
            (ru.name.as_str(), en.name.as_str()),
            ("Демо-план", "Demo plan")
        );
        assert_eq!(ru.ltv.segments[0].name, "A — ключевые");
        assert_eq!(en.ltv.segments[0].name, "A — key accounts");
        assert_eq!(ru.headcount.roles[0].name, "Телемаркетолог");
        assert_eq!(en.headcount.roles[0].name, "Telemarketer");
        assert_eq!(ru.headcount.roles.len(), en.headcount.roles.len());
        assert_eq!(en.funnel.stages[0].name, "Leads");
        assert_eq!(new_stage(&namer(Lang::Ru)).name, "Новый этап");
        assert_eq!(Role::new(&namer(Lang::En)).name, "New role");
    }

    #[test]
    fn presets_are_named_in_both_languages() {
        let ru = Preset::B2bServices.plan(&namer(Lang::Ru));
        let en = Preset::B2bServices.plan(&namer(Lang::En));
        assert_eq!(ru.name, "Сложные B2B-услуги");
        assert_eq!(en.client, "Demo client");
        assert_eq!(en.funnel.stages[3].name, "Proposal");
        assert_eq!(ru.funnel.avg_check, en.funnel.avg_check);
        for lang in [Lang::Ru, Lang::En] {
            for preset in Preset::ALL {
                let plan = preset.plan(&namer(lang));
                let report =
                    funnel::compute(&plan.funnel, &plan.target, plan.working_days_per_month)
                        .unwrap();
                assert!(report.warnings.is_empty(), "{preset:?}: unnamed stage");
                assert!(headcount::compute(&plan).is_ok(), "{preset:?}");
            }
        }
    }

    #[test]
    fn a_missing_part_of_a_stored_plan_is_the_russian_demo() {
        let plan: Plan = serde_json::from_str(r#"{"name":"Old"}"#).unwrap();
        let demo = Plan::demo(&namer(Lang::Ru));
        assert_eq!(plan.name, "Old");
        assert_eq!(plan.funnel, demo.funnel);
        assert_eq!(plan.ltv, demo.ltv);
        assert_eq!(plan.headcount, demo.headcount);
        let role: Role = serde_json::from_str("{}").unwrap();
        assert_eq!(role.name, "Новая роль");
    }
}
