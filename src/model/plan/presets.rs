//! Demo presets: realistic plans a consultant opens in one click (as a copy) to show how the
//! calculators answer for a typical business. Every calculator's inputs are set and agree
//! with each other: the funnel's revenue target is the headcount page's new-client revenue,
//! the base's orders cover the existing-client revenue, the LTV check matches the base.

use crate::i18n::{tr, Lang};
use crate::model::funnel::{ContactType, Direction, FunnelInputs, Stage};
use crate::model::headcount::{template_roles, HeadcountInputs, OrgTemplate, VariablePay};
use crate::model::ltv::{LtvInputs, Period, RetentionBasis, Segment, Uplift};
use crate::model::money::Currency;

use super::{Plan, DEFAULT_WORKING_DAYS};

/// The demo plans offered on the plans page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// Transactional B2B: a wholesale distributor, many clients ordering monthly.
    B2bDistribution,
    /// Complex B2B services: IT integration projects, long cycle, high check.
    B2bServices,
    /// B2C services: a private clinic / studio, many small checks, fast cycle.
    B2cServices,
}

impl Preset {
    pub const ALL: [Preset; 3] = [
        Preset::B2bDistribution,
        Preset::B2bServices,
        Preset::B2cServices,
    ];

    /// Part of the button's test id: `preset-<key>`.
    pub fn key(self) -> &'static str {
        match self {
            Preset::B2bDistribution => "b2b-distribution",
            Preset::B2bServices => "b2b-services",
            Preset::B2cServices => "b2c-services",
        }
    }

    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Preset::B2bDistribution => tr(lang, "B2B-дистрибуция", "B2B distribution"),
            Preset::B2bServices => tr(lang, "Сложные B2B-услуги", "Complex B2B services"),
            Preset::B2cServices => tr(lang, "B2C-услуги", "B2C services"),
        }
    }

    pub fn description(self, lang: Lang) -> &'static str {
        match self {
            Preset::B2bDistribution => tr(
                lang,
                "Оптовый дистрибьютор: холодные звонки, встречи, ежемесячные заказы; телемаркетинг, специалисты по развитию, офисные продажи и бэк-офис.",
                "Wholesale distributor: cold calls, meetings, monthly orders; telemarketing, development specialists, office sales and back office.",
            ),
            Preset::B2bServices => tr(
                lang,
                "IT-интегратор: длинный цикл, крупный чек, проекты поквартально; развитие, ключевые клиенты и пресейл.",
                "IT integrator: long cycle, large check, quarterly projects; business development, key accounts and presale.",
            ),
            Preset::B2cServices => tr(
                lang,
                "Частная клиника: заявки с рекламы, запись, визит; колл-центр, администраторы и продления.",
                "Private clinic: ad requests, booking, visit; call centre, front desk consultants and renewals.",
            ),
        }
    }

    /// The preset as a plan in the given language (names of plan, stages, roles, segments).
    /// Its id is `preset-<key>`: the page gives the copy a fresh id.
    pub fn plan(self, lang: Lang) -> Plan {
        let (funnel, ltv, headcount) = match self {
            Preset::B2bDistribution => distribution(lang),
            Preset::B2bServices => services(lang),
            Preset::B2cServices => consumer(lang),
        };
        Plan {
            id: format!("preset-{}", self.key()),
            name: self.title(lang).to_string(),
            client: tr(lang, "Демо-клиент", "Demo client").to_string(),
            currency: Currency::RUB,
            working_days_per_month: DEFAULT_WORKING_DAYS,
            updated_at_ms: 0.0,
            funnel,
            ltv,
            headcount,
            clients: Default::default(),
        }
    }
}

fn stage(name: &str, conversion_pct: f64, days: f64, contact: ContactType) -> Stage {
    Stage {
        name: name.to_string(),
        conversion_pct,
        days,
        contact,
    }
}

fn segment(
    name: &str,
    clients: f64,
    avg_check: f64,
    purchases: f64,
    margin: f64,
    retention: f64,
) -> Segment {
    Segment {
        name: name.to_string(),
        clients,
        avg_check,
        purchases_per_period: purchases,
        gross_margin_pct: margin,
        retention_pct: retention,
        development: None,
    }
}

type Inputs = (FunnelInputs, LtvInputs, HeadcountInputs);

/// 60 mln a month, 20 % (12 mln) from new clients: 12 000 000 / 80 000 = 150 first orders;
/// the base: 800 clients x 1.5 orders x 40 000 = 48 mln = the existing-client revenue.
fn distribution(lang: Lang) -> Inputs {
    let stages = vec![
        stage(tr(lang, "Лиды", "Leads"), 35.0, 2.0, ContactType::Call),
        stage(
            tr(lang, "Квалифицированы", "Qualified"),
            55.0,
            5.0,
            ContactType::Call,
        ),
        stage(
            tr(lang, "Встречи", "Meetings"),
            45.0,
            10.0,
            ContactType::Meeting,
        ),
        stage(
            tr(lang, "Первый заказ", "First order"),
            100.0,
            0.0,
            ContactType::Meeting,
        ),
    ];
    let funnel = FunnelInputs {
        stages: stages.clone(),
        avg_check: 80_000.0,
        gross_margin_pct: 22.0,
        direction: Direction::Reverse,
        entry_per_month: 1_500.0,
        target_revenue_per_month: 12_000_000.0,
        sellers: 6.0,
        actuals: Vec::new(),
    };
    let ltv = LtvInputs {
        period: Period::Month,
        avg_check: 40_000.0,
        purchases_per_period: 1.5,
        gross_margin_pct: 22.0,
        retention_basis: RetentionBasis::Retention,
        retention_pct: 94.0,
        churn_pct: 6.0,
        lifetime_periods: 100.0 / 6.0,
        discount_rate_pct: 1.0,
        horizon_periods: Some(36.0),
        cac: 60_000.0,
        target_ratio: 3.0,
        scenario: Uplift {
            retention_pp: 2.0,
            avg_check_pct: 5.0,
            purchases_plus: 0.2,
        },
        segments: vec![
            segment(
                tr(
                    lang,
                    "A — сети и крупный опт",
                    "A — chains and large wholesale",
                ),
                80.0,
                150_000.0,
                2.5,
                16.0,
                98.0,
            ),
            segment(
                tr(lang, "B — постоянные магазины", "B — regular shops"),
                240.0,
                45_000.0,
                1.8,
                22.0,
                95.0,
            ),
            segment(
                tr(lang, "C — мелкая розница", "C — small retail"),
                480.0,
                15_000.0,
                1.0,
                28.0,
                85.0,
            ),
        ],
        development: Uplift::default(),
        sleeping_clients: 300.0,
        reactivation_pct: 20.0,
    };
    let headcount = HeadcountInputs {
        roles: template_roles(OrgTemplate::Transactional, lang, &stages),
        revenue_plan_per_month: 60_000_000.0,
        new_client_share_pct: 20.0,
        active_clients: 800.0,
        orders_per_client_per_month: 1.5,
        existing_avg_check: 40_000.0,
        span_of_control: 7.0,
        managers_per_back_office: 5.0,
        back_office_relief_pct: 20.0,
        payroll_tax_pct: 30.0,
    };
    (funnel, ltv, headcount)
}

/// 30 mln a month, 30 % (9 mln) from new clients: 9 000 000 / 1 800 000 = 5 contracts;
/// the base: 120 clients x 0.1 orders x 1 750 000 = 21 mln = the existing-client revenue.
fn services(lang: Lang) -> Inputs {
    let stages = vec![
        stage(
            tr(lang, "Заявки", "Inbound leads"),
            30.0,
            5.0,
            ContactType::Message,
        ),
        stage(
            tr(lang, "Выявление потребности", "Discovery call"),
            50.0,
            10.0,
            ContactType::Call,
        ),
        stage(
            tr(lang, "Презентация", "Presentation"),
            50.0,
            20.0,
            ContactType::Meeting,
        ),
        stage(
            tr(lang, "Коммерческое предложение", "Proposal"),
            35.0,
            30.0,
            ContactType::Meeting,
        ),
        stage(
            tr(lang, "Договор", "Contract"),
            100.0,
            0.0,
            ContactType::Meeting,
        ),
    ];
    let funnel = FunnelInputs {
        stages: stages.clone(),
        avg_check: 1_800_000.0,
        gross_margin_pct: 40.0,
        direction: Direction::Reverse,
        entry_per_month: 200.0,
        target_revenue_per_month: 9_000_000.0,
        sellers: 3.0,
        actuals: Vec::new(),
    };
    let ltv = LtvInputs {
        period: Period::Quarter,
        avg_check: 1_750_000.0,
        purchases_per_period: 0.3,
        gross_margin_pct: 40.0,
        retention_basis: RetentionBasis::Retention,
        retention_pct: 90.0,
        churn_pct: 10.0,
        lifetime_periods: 10.0,
        discount_rate_pct: 3.0,
        horizon_periods: Some(20.0),
        cac: 350_000.0,
        target_ratio: 3.0,
        scenario: Uplift {
            retention_pp: 3.0,
            avg_check_pct: 10.0,
            purchases_plus: 0.1,
        },
        segments: vec![
            segment(
                tr(lang, "Крупный бизнес", "Enterprise"),
                25.0,
                3_000_000.0,
                0.5,
                38.0,
                93.0,
            ),
            segment(
                tr(lang, "Средний бизнес", "Mid-market"),
                60.0,
                1_500_000.0,
                0.3,
                42.0,
                88.0,
            ),
            segment(
                tr(lang, "Разовые проекты", "One-off projects"),
                35.0,
                800_000.0,
                0.15,
                45.0,
                70.0,
            ),
        ],
        development: Uplift {
            retention_pp: 3.0,
            avg_check_pct: 10.0,
            purchases_plus: 0.05,
        },
        sleeping_clients: 40.0,
        reactivation_pct: 15.0,
    };
    let headcount = HeadcountInputs {
        roles: template_roles(OrgTemplate::Complex, lang, &stages),
        revenue_plan_per_month: 30_000_000.0,
        new_client_share_pct: 30.0,
        active_clients: 120.0,
        orders_per_client_per_month: 0.1,
        existing_avg_check: 1_750_000.0,
        span_of_control: 6.0,
        managers_per_back_office: 5.0,
        back_office_relief_pct: 15.0,
        payroll_tax_pct: 30.0,
    };
    (funnel, ltv, headcount)
}

/// 15 mln a month, 40 % (6 mln) from new patients: 6 000 000 / 25 000 = 240 first visits
/// paid; the base: 1 100 patients x 1.15 visits x 7 200 = 9.1 mln, covering the 9 mln.
fn consumer(lang: Lang) -> Inputs {
    let stages = vec![
        stage(
            tr(lang, "Заявки с рекламы", "Ad requests"),
            60.0,
            1.0,
            ContactType::Message,
        ),
        stage(
            tr(lang, "Запись на консультацию", "Consultation booked"),
            70.0,
            3.0,
            ContactType::Call,
        ),
        stage(tr(lang, "Визит", "Visit"), 55.0, 1.0, ContactType::Meeting),
        stage(
            tr(lang, "Оплата курса", "Course paid"),
            100.0,
            0.0,
            ContactType::Meeting,
        ),
    ];
    let funnel = FunnelInputs {
        stages: stages.clone(),
        avg_check: 25_000.0,
        gross_margin_pct: 55.0,
        direction: Direction::Reverse,
        entry_per_month: 1_000.0,
        target_revenue_per_month: 6_000_000.0,
        sellers: 4.0,
        actuals: Vec::new(),
    };
    let ltv = LtvInputs {
        period: Period::Month,
        avg_check: 7_200.0,
        purchases_per_period: 1.15,
        gross_margin_pct: 55.0,
        retention_basis: RetentionBasis::Retention,
        retention_pct: 85.0,
        churn_pct: 15.0,
        lifetime_periods: 100.0 / 15.0,
        discount_rate_pct: 1.0,
        horizon_periods: Some(24.0),
        cac: 6_000.0,
        target_ratio: 3.0,
        scenario: Uplift {
            retention_pp: 5.0,
            avg_check_pct: 5.0,
            purchases_plus: 0.1,
        },
        segments: vec![
            segment(
                tr(lang, "Постоянные пациенты", "Regular patients"),
                350.0,
                9_000.0,
                1.6,
                55.0,
                92.0,
            ),
            segment(
                tr(lang, "Курсовое лечение", "Course patients"),
                450.0,
                7_000.0,
                1.1,
                55.0,
                82.0,
            ),
            segment(
                tr(lang, "Разовые визиты", "One-off visits"),
                300.0,
                4_500.0,
                0.6,
                50.0,
                60.0,
            ),
        ],
        development: Uplift {
            retention_pp: 4.0,
            avg_check_pct: 5.0,
            purchases_plus: 0.1,
        },
        sleeping_clients: 900.0,
        reactivation_pct: 12.0,
    };
    let headcount = HeadcountInputs {
        roles: consumer_roles(lang, &stages),
        revenue_plan_per_month: 15_000_000.0,
        new_client_share_pct: 40.0,
        active_clients: 1_100.0,
        orders_per_client_per_month: 1.15,
        existing_avg_check: 7_200.0,
        span_of_control: 8.0,
        managers_per_back_office: 6.0,
        back_office_relief_pct: 10.0,
        payroll_tax_pct: 30.0,
    };
    (funnel, ltv, headcount)
}

/// The transactional template adapted to a clinic: the call centre answers requests, front
/// desk consultants hold the visits (many a day), renewals managers serve the base.
fn consumer_roles(lang: Lang, stages: &[Stage]) -> Vec<crate::model::headcount::Role> {
    let mut roles = template_roles(OrgTemplate::Transactional, lang, stages);
    let names = [
        tr(lang, "Оператор колл-центра", "Call centre operator"),
        tr(lang, "Администратор-консультант", "Front desk consultant"),
        tr(lang, "Менеджер по продлениям", "Renewals manager"),
    ];
    let norms = [60.0, 8.0, 25.0];
    let salaries = [35_000.0, 45_000.0, 40_000.0];
    for (i, role) in roles.iter_mut().take(3).enumerate() {
        role.name = names[i].to_string();
        role.norm_per_day = norms[i];
        role.fixed_salary_per_month = salaries[i];
        role.workplace_cost_per_month = 8_000.0;
    }
    // Paid per booking, not per request; consultants get 2 % of the courses sold.
    roles[0].variable_pay = VariablePay::PerUnit;
    roles[0].variable_rate = 15.0;
    roles[1].variable_pay = VariablePay::PercentOfRevenue;
    roles[1].variable_rate = 2.0;
    roles
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::plan::summarize;
    use crate::model::{funnel, headcount, ltv};

    #[test]
    fn every_preset_computes_in_every_calculator() {
        for lang in [Lang::Ru, Lang::En] {
            for preset in Preset::ALL {
                let plan = preset.plan(lang);
                let funnel = funnel::compute(&plan.funnel, plan.working_days_per_month);
                assert!(funnel.is_ok(), "{preset:?} funnel: {:?}", funnel.err());
                let staff = headcount::compute(&plan);
                assert!(staff.is_ok(), "{preset:?} headcount: {:?}", staff.err());
                let value = ltv::compute(&plan.ltv);
                assert!(value.is_ok(), "{preset:?} ltv: {:?}", value.err());
                assert!(
                    funnel.unwrap().warnings.is_empty(),
                    "{preset:?}: unnamed stage"
                );
                assert!(value.unwrap().notices.is_empty(), "{preset:?}: unbounded");
            }
        }
    }

    #[test]
    fn presets_are_consistent_across_calculators() {
        for preset in Preset::ALL {
            let plan = preset.plan(Lang::En);
            let h = &plan.headcount;
            // The funnel's target is the headcount page's new-client revenue.
            let new_revenue = h.revenue_plan_per_month * h.new_client_share_pct / 100.0;
            assert_eq!(
                plan.funnel.target_revenue_per_month, new_revenue,
                "{preset:?}"
            );
            // The base brings at least 95 % of the existing-client revenue.
            let staff = headcount::compute(&plan).unwrap();
            let coverage = staff.base.coverage_pct.unwrap();
            assert!((95.0..=110.0).contains(&coverage), "{preset:?}: {coverage}");
            let s = summarize(&plan);
            assert!(s.headcount_total.unwrap() >= 4.0, "{preset:?}");
            // A healthy business: LTV:CAC between 2 and 8.
            let ratio = s.ltv_to_cac.and_then(|r| r.finite()).unwrap();
            assert!((2.0..=8.0).contains(&ratio), "{preset:?}: {ratio}");
        }
    }

    #[test]
    fn presets_follow_the_language_and_differ() {
        let ru = Preset::B2bServices.plan(Lang::Ru);
        let en = Preset::B2bServices.plan(Lang::En);
        assert_eq!(ru.name, "Сложные B2B-услуги");
        assert_eq!(en.funnel.stages[3].name, "Proposal");
        assert_eq!(ru.funnel.avg_check, en.funnel.avg_check);
        let plans: Vec<Plan> = Preset::ALL.iter().map(|p| p.plan(Lang::En)).collect();
        assert_ne!(plans[0].funnel, plans[1].funnel);
        assert_ne!(plans[1].headcount, plans[2].headcount);
        assert_eq!(Preset::B2cServices.key(), "b2c-services");
    }
}
