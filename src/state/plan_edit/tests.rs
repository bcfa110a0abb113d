//! Each named edit changes the plan exactly as the page's closure did before: the expected
//! plan is built by hand (the old closure's body), the actual one by the named edit.

use std::rc::Rc;

use super::*;
use crate::i18n::names::namer;
use crate::i18n::Lang;
use crate::model::clients::clv::{HorizonUnit, TimeUnit};
use crate::model::clients::{apply_base_figures, BaseFigures, ImportSummary};
use crate::model::diagnostics::SellerActuals;
use crate::model::funnel::{self, ContactType, Direction, MIN_STAGES};
use crate::model::headcount::{
    template_roles, OrgTemplate, Role, VariablePay, WorkloadDriver, MAX_ROLES,
};
use crate::model::ltv::{Period, RetentionBasis, Uplift, MAX_SEGMENTS};
use crate::state::{Action, AppState, Env};
use crate::storage::unsaved::FromSession;
use crate::storage::{Document, Opened};

const NOW: f64 = 1_764_000_000_000.0;

/// The old closures' bodies, for tables of (field, change) cases.
type PlanChange = fn(&mut Plan);
type RoleChange = fn(&mut Role);
type UpliftChange = fn(&mut Uplift);

fn demo() -> Plan {
    Plan::demo(&namer(Lang::En))
}

/// The demo plan after `edit`.
fn edited(edit: impl Into<PlanEdit>) -> Plan {
    let mut plan = demo();
    edit.into().apply(&mut plan);
    plan
}

/// The demo plan after the old closure `change`.
fn changed(change: impl FnOnce(&mut Plan)) -> Plan {
    let mut plan = demo();
    change(&mut plan);
    plan
}

/// Asserts that `edit` does what `change` does, and that this is a change at all.
fn same_as(edit: impl Into<PlanEdit>, change: impl FnOnce(&mut Plan)) {
    let edit = edit.into();
    let expected = changed(change);
    assert_ne!(expected, demo(), "{edit:?} must change something here");
    assert_eq!(edited(edit.clone()), expected, "{edit:?}");
}

/// A first visit in English with nothing stored.
fn fresh() -> Rc<AppState> {
    let opened = Opened {
        document: Document::fresh(Lang::En),
        note: None,
        stored: None,
        session: FromSession::Nothing,
    };
    Rc::new(AppState::new(opened, Lang::En, None))
}

fn reduce(state: Rc<AppState>, edit: impl Into<PlanEdit>) -> Rc<AppState> {
    let env = Env {
        now_ms: NOW,
        random: 0.5,
        stored_now: None,
    };
    state.reduce(Action::EditPlan(edit.into()), &env)
}

// The plan bar.

#[test]
fn plan_bar_edits_go_through_the_reducer_stamp_the_plan_and_ask_for_a_save() {
    let state = fresh();
    let next = reduce(state.clone(), PlanEdit::SetName("Q3".into()));
    let next = reduce(next, PlanEdit::SetClient("Acme".into()));
    let next = reduce(next, PlanEdit::SetCurrency(Currency::USD));
    let next = reduce(next, PlanEdit::SetWorkingDays(19.5));
    let plan = next.plan();
    assert_eq!(plan.name, "Q3");
    assert_eq!(plan.client, "Acme");
    assert_eq!(plan.currency, Currency::USD);
    assert_eq!(plan.working_days_per_month, 19.5);
    assert_eq!(plan.updated_at_ms, NOW);
    assert_eq!(next.revision, state.revision + 4);
    assert!(next.needs_save());
    // Nothing else of the plan moved.
    let mut expected = state.plan().clone();
    expected.name = "Q3".into();
    expected.client = "Acme".into();
    expected.currency = Currency::USD;
    expected.working_days_per_month = 19.5;
    expected.working_days_typed = true;
    expected.updated_at_ms = NOW;
    assert_eq!(*plan, expected);
}

#[test]
fn an_edit_changes_only_the_active_plan() {
    let env = Env {
        now_ms: NOW,
        random: 0.5,
        stored_now: None,
    };
    let state = fresh().reduce(Action::AddPlan(Box::new(demo())), &env);
    let first = state.doc.plans[0].clone();
    let next = reduce(state, LtvEdit::Set(LtvNumber::AvgCheck, 777.0));
    assert_eq!(next.doc.plans[1].ltv.avg_check, 777.0);
    assert_eq!(next.doc.plans[0], first);
}

// The funnel.

#[test]
fn every_funnel_number_writes_its_own_field() {
    use FunnelNumber::*;
    same_as(FunnelEdit::Set(EntryPerMonth, 12.5), |p| {
        p.funnel.entry_per_month = 12.5
    });
    same_as(FunnelEdit::Set(AvgCheck, 12.5), |p| {
        p.funnel.avg_check = 12.5
    });
    same_as(FunnelEdit::Set(GrossMargin, 12.5), |p| {
        p.funnel.gross_margin_pct = 12.5
    });
    same_as(FunnelEdit::Set(Sellers, 12.5), |p| p.funnel.sellers = 12.5);
    same_as(FunnelEdit::SetDirection(Direction::Forward), |p| {
        p.funnel.direction = Direction::Forward
    });
}

#[test]
fn a_typed_average_check_reaches_the_plan_through_the_reducer() {
    let next = reduce(fresh(), FunnelEdit::Set(FunnelNumber::AvgCheck, 90_000.0));
    assert_eq!(next.plan().funnel.avg_check, 90_000.0);
    assert_eq!(next.plan().ltv.avg_check, demo().ltv.avg_check, "LTV's own");
}

#[test]
fn adding_a_stage_appends_a_named_stage_and_keeps_the_others() {
    let before = demo().funnel.stages;
    let plan = edited(FunnelEdit::AddStage { lang: Lang::En });
    assert_eq!(plan.funnel.stages.len(), before.len() + 1);
    assert_eq!(plan.funnel.stages[..before.len()], before[..]);
    let added = plan.funnel.stages.last().unwrap();
    assert_eq!(added.name, "New stage");
    assert_eq!(added.conversion_pct, 100.0);
    // In Russian the stage is named in Russian.
    let plan = edited(FunnelEdit::AddStage { lang: Lang::Ru });
    assert_eq!(plan.funnel.stages.last().unwrap().name, "Новый этап");
}

#[test]
fn inserting_a_stage_moves_the_roles_and_counts_with_their_stages() {
    let mut start = demo();
    start.funnel.actuals.push(SellerActuals {
        name: "Ann".into(),
        counts: vec![Some(100.0), Some(40.0), Some(20.0), Some(8.0)],
    });
    let mut plan = start.clone();
    PlanEdit::from(FunnelEdit::InsertStage {
        at: 1,
        lang: Lang::En,
    })
    .apply(&mut plan);
    let mut expected = start.clone();
    funnel::insert_stage(&mut expected, 1, funnel::new_stage(&namer(Lang::En)));
    assert_eq!(plan, expected);
    assert_eq!(plan.funnel.stages[1].name, "New stage");
    assert_eq!(plan.funnel.stages[2], start.funnel.stages[1]);
    assert_eq!(
        plan.funnel.actuals[0].counts,
        vec![Some(100.0), None, Some(40.0), Some(20.0), Some(8.0)]
    );
    // A role on stage 2 (index 1) or later follows its stage.
    for (old, new) in start.headcount.roles.iter().zip(&plan.headcount.roles) {
        match old.driver {
            WorkloadDriver::FunnelStage(i) if i >= 1 => {
                assert_eq!(new.driver, WorkloadDriver::FunnelStage(i + 1))
            }
            driver => assert_eq!(new.driver, driver),
        }
    }
}

#[test]
fn removing_a_stage_keeps_the_others_in_order_and_never_goes_below_the_minimum() {
    let before = demo().funnel.stages;
    let plan = edited(FunnelEdit::RemoveStage(1));
    let names: Vec<&str> = plan.funnel.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Leads", "Meetings", "Deals"]);
    assert_eq!(plan.funnel.stages[1], before[2]);
    let mut expected = demo();
    funnel::remove_stage(&mut expected, 1);
    assert_eq!(plan, expected, "the model's remove, roles included");

    let mut short = demo();
    short.funnel.stages.truncate(MIN_STAGES);
    let kept = short.clone();
    PlanEdit::from(FunnelEdit::RemoveStage(0)).apply(&mut short);
    assert_eq!(short, kept);
}

#[test]
fn moving_a_stage_swaps_it_with_its_neighbour() {
    let plan = edited(FunnelEdit::MoveStage { from: 2, to: 1 });
    let names: Vec<&str> = plan.funnel.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Leads", "Meetings", "Qualified", "Deals"]);
    let mut expected = demo();
    funnel::move_stage(&mut expected, 2, 1);
    assert_eq!(plan, expected);
    // "Up" on the first stage (its button is off) moves nothing.
    assert_eq!(edited(FunnelEdit::MoveStage { from: 0, to: 0 }), demo());
}

#[test]
fn stage_fields_change_only_their_stage() {
    same_as(
        FunnelEdit::SetStageName {
            stage: 1,
            name: "Calls".into(),
        },
        |p| p.funnel.stages[1].name = "Calls".into(),
    );
    same_as(
        FunnelEdit::SetStageNumber {
            stage: 2,
            number: StageNumber::Conversion,
            value: 33.0,
        },
        |p| p.funnel.stages[2].conversion_pct = 33.0,
    );
    same_as(
        FunnelEdit::SetStageNumber {
            stage: 0,
            number: StageNumber::Days,
            value: 9.0,
        },
        |p| p.funnel.stages[0].days = 9.0,
    );
    same_as(
        FunnelEdit::SetStageContact {
            stage: 0,
            contact: ContactType::Meeting,
        },
        |p| p.funnel.stages[0].contact = ContactType::Meeting,
    );
    // A stage that is gone by then: nothing happens.
    assert_eq!(
        edited(FunnelEdit::SetStageName {
            stage: 9,
            name: "x".into()
        }),
        demo()
    );
}

#[test]
fn sellers_are_added_named_renamed_counted_and_removed() {
    let mut plan = demo();
    for _ in 0..2 {
        FunnelEdit::AddSeller { lang: Lang::En }.apply(&mut plan);
    }
    let names: Vec<&str> = plan
        .funnel
        .actuals
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(names, ["Seller 1", "Seller 2"]);
    assert_eq!(plan.funnel.actuals[0].counts, vec![None; 4]);

    FunnelEdit::SetSellerName {
        row: 1,
        name: "Bo".into(),
    }
    .apply(&mut plan);
    assert_eq!(plan.funnel.actuals[1].name, "Bo");

    // A count past a short row fills it up to that stage.
    plan.funnel.actuals[1].counts.clear();
    FunnelEdit::SetSellerCount {
        row: 1,
        stage: 2,
        value: 7.0,
    }
    .apply(&mut plan);
    assert_eq!(plan.funnel.actuals[1].counts, vec![None, None, Some(7.0)]);

    FunnelEdit::RemoveSeller(0).apply(&mut plan);
    assert_eq!(plan.funnel.actuals.len(), 1);
    assert_eq!(plan.funnel.actuals[0].name, "Bo");
    // A row that is gone: nothing happens.
    FunnelEdit::RemoveSeller(5).apply(&mut plan);
    assert_eq!(plan.funnel.actuals.len(), 1);
}

#[test]
fn pasted_rows_without_a_name_are_numbered_as_before() {
    let mut plan = demo();
    FunnelEdit::AddSeller { lang: Lang::Ru }.apply(&mut plan);
    let row = |name: &str| SellerActuals {
        name: name.into(),
        counts: vec![Some(10.0), Some(5.0), Some(2.0), Some(1.0)],
    };
    FunnelEdit::PasteSellers {
        rows: vec![row(" "), row("Bo"), row("")],
        lang: Lang::Ru,
    }
    .apply(&mut plan);
    let names: Vec<&str> = plan
        .funnel
        .actuals
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    // The first unnamed row is the table's second; the next one counts its paste index on
    // top of the rows already pushed (the page's numbering, unchanged).
    assert_eq!(names, ["Продавец 1", "Продавец 2", "Bo", "Продавец 6"]);
    assert_eq!(plan.funnel.actuals[2].counts, row("Bo").counts);
}

// LTV.

#[test]
fn every_ltv_number_writes_its_own_field() {
    use LtvNumber::*;
    let v = 12.5;
    same_as(LtvEdit::Set(AvgCheck, v), |p| p.ltv.avg_check = v);
    same_as(LtvEdit::Set(PurchasesPerPeriod, v), |p| {
        p.ltv.purchases_per_period = v
    });
    same_as(LtvEdit::Set(GrossMargin, v), |p| p.ltv.gross_margin_pct = v);
    same_as(LtvEdit::Set(Retention, v), |p| p.ltv.retention_pct = v);
    same_as(LtvEdit::Set(Churn, v), |p| p.ltv.churn_pct = v);
    same_as(LtvEdit::Set(Lifetime, v), |p| p.ltv.lifetime_periods = v);
    same_as(LtvEdit::Set(DiscountRate, v), |p| {
        p.ltv.discount_rate_pct = v
    });
    same_as(LtvEdit::Set(Cac, v), |p| p.ltv.cac = v);
    same_as(LtvEdit::Set(TargetRatio, v), |p| p.ltv.target_ratio = v);
    same_as(LtvEdit::Set(SleepingClients, v), |p| {
        p.ltv.sleeping_clients = v
    });
    same_as(LtvEdit::Set(ReactivationRate, v), |p| {
        p.ltv.reactivation_pct = v
    });
    let uplifts: [(UpliftNumber, UpliftChange); 3] = [
        (UpliftNumber::RetentionPp, |u| u.retention_pp = 12.5),
        (UpliftNumber::AvgCheckPct, |u| u.avg_check_pct = 12.5),
        (UpliftNumber::PurchasesPlus, |u| u.purchases_plus = 12.5),
    ];
    for (n, change) in uplifts {
        same_as(LtvEdit::Set(Scenario(n), v), |p| {
            change(&mut p.ltv.scenario)
        });
        same_as(LtvEdit::Set(Development(n), v), |p| {
            change(&mut p.ltv.development)
        });
    }
}

#[test]
fn ltv_choices_set_the_period_horizon_and_retention_basis() {
    same_as(LtvEdit::SetPeriod(Period::Year), |p| {
        p.ltv.period = Period::Year
    });
    same_as(LtvEdit::SetHorizon(Some(7.0)), |p| {
        p.ltv.horizon_periods = Some(7.0)
    });
    let mut limited = edited(LtvEdit::SetHorizon(Some(7.0)));
    LtvEdit::SetHorizon(None).apply(&mut limited.ltv);
    assert_eq!(limited.ltv.horizon_periods, None);
    // The basis switch fills the other fields from the typed one (the model's method).
    let mut plan = demo();
    LtvEdit::Set(LtvNumber::Retention, 80.0).apply(&mut plan.ltv);
    LtvEdit::SetRetentionBasis(RetentionBasis::Churn).apply(&mut plan.ltv);
    assert_eq!(plan.ltv.retention_basis, RetentionBasis::Churn);
    assert!((plan.ltv.churn_pct - 20.0).abs() < 1e-9);
    assert!((plan.ltv.lifetime_periods - 5.0).abs() < 1e-9);
}

#[test]
fn segments_are_added_up_to_the_limit_edited_and_removed() {
    let before = demo().ltv.segments;
    let plan = edited(LtvEdit::AddSegment {
        name: "Segment 4".into(),
    });
    assert_eq!(plan.ltv.segments.len(), before.len() + 1);
    assert_eq!(plan.ltv.segments.last().unwrap().name, "Segment 4");
    assert_eq!(plan.ltv.segments[..before.len()], before[..]);

    let mut full = demo();
    while full.ltv.segments.len() < MAX_SEGMENTS {
        LtvEdit::AddSegment { name: "s".into() }.apply(&mut full.ltv);
    }
    let kept = full.clone();
    LtvEdit::AddSegment {
        name: "one more".into(),
    }
    .apply(&mut full.ltv);
    assert_eq!(full, kept);

    same_as(LtvEdit::RemoveSegment(0), |p| {
        p.ltv.segments.remove(0);
    });
    assert_eq!(edited(LtvEdit::RemoveSegment(40)), demo());
    same_as(
        LtvEdit::SetSegmentName {
            segment: 1,
            name: "B".into(),
        },
        |p| p.ltv.segments[1].name = "B".into(),
    );
    let cases: [(SegmentNumber, PlanChange); 5] = [
        (SegmentNumber::Clients, |p| p.ltv.segments[1].clients = 3.0),
        (SegmentNumber::AvgCheck, |p| {
            p.ltv.segments[1].avg_check = 3.0
        }),
        (SegmentNumber::PurchasesPerPeriod, |p| {
            p.ltv.segments[1].purchases_per_period = 3.0
        }),
        (SegmentNumber::GrossMargin, |p| {
            p.ltv.segments[1].gross_margin_pct = 3.0
        }),
        (SegmentNumber::Retention, |p| {
            p.ltv.segments[1].retention_pct = 3.0
        }),
    ];
    for (number, change) in cases {
        same_as(
            LtvEdit::SetSegmentNumber {
                segment: 1,
                number,
                value: 3.0,
            },
            change,
        );
    }
}

// Headcount.

#[test]
fn every_headcount_number_writes_its_own_field() {
    use HeadcountNumber::*;
    let cases: [(HeadcountNumber, PlanChange); 7] = [
        (ActiveClients, |p| p.headcount.active_clients = 3.0),
        (OrdersPerClient, |p| {
            p.headcount.orders_per_client_per_month = 3.0
        }),
        (ExistingCheck, |p| p.headcount.existing_avg_check = 3.0),
        (SpanOfControl, |p| p.headcount.span_of_control = 3.0),
        (ManagersPerBackOffice, |p| {
            p.headcount.managers_per_back_office = 3.0
        }),
        (BackOfficeRelief, |p| {
            p.headcount.back_office_relief_pct = 3.0
        }),
        (PayrollTax, |p| p.headcount.payroll_tax_pct = 3.0),
    ];
    for (number, change) in cases {
        same_as(HeadcountEdit::Set(number, 3.0), change);
    }
}

#[test]
fn a_template_replaces_the_roles_with_the_models_on_the_plans_stages() {
    let lang = Lang::Ru;
    same_as(
        HeadcountEdit::ApplyTemplate {
            template: OrgTemplate::Complex,
            lang,
        },
        |p| {
            p.headcount.roles = template_roles(OrgTemplate::Complex, &namer(lang), &p.funnel.stages)
        },
    );
}

#[test]
fn roles_are_added_up_to_the_limit_and_the_last_one_stays() {
    let before = demo().headcount.roles;
    let plan = edited(HeadcountEdit::AddRole { lang: Lang::En });
    assert_eq!(plan.headcount.roles.len(), before.len() + 1);
    assert_eq!(
        *plan.headcount.roles.last().unwrap(),
        Role::new(&namer(Lang::En))
    );
    assert_eq!(plan.headcount.roles.last().unwrap().name, "New role");

    let mut full = demo();
    while full.headcount.roles.len() < MAX_ROLES {
        HeadcountEdit::AddRole { lang: Lang::En }.apply(&mut full);
    }
    let kept = full.clone();
    HeadcountEdit::AddRole { lang: Lang::En }.apply(&mut full);
    assert_eq!(full, kept);

    same_as(HeadcountEdit::RemoveRole(0), |p| {
        p.headcount.roles.remove(0);
    });
    let mut one = demo();
    one.headcount.roles.truncate(1);
    let kept = one.clone();
    HeadcountEdit::RemoveRole(0).apply(&mut one);
    assert_eq!(one, kept);
}

#[test]
fn role_edits_change_only_their_role() {
    let role = |edit: RoleEdit| HeadcountEdit::Role(1, edit);
    same_as(role(RoleEdit::SetName("KAM".into())), |p| {
        p.headcount.roles[1].name = "KAM".into()
    });
    same_as(role(RoleEdit::SetDriver(WorkloadDriver::Portfolio)), |p| {
        p.headcount.roles[1].driver = WorkloadDriver::Portfolio
    });
    same_as(role(RoleEdit::Set(RoleNumber::FixedPeople, 3.0)), |p| {
        p.headcount.roles[1].driver = WorkloadDriver::Fixed(3.0)
    });
    let cases: [(RoleNumber, RoleChange); 5] = [
        (RoleNumber::NormPerDay, |r| r.norm_per_day = 3.25),
        (RoleNumber::ProductiveShare, |r| {
            r.productive_share_pct = 3.25
        }),
        (RoleNumber::FixedSalary, |r| r.fixed_salary_per_month = 3.25),
        (RoleNumber::VariableRate, |r| r.variable_rate = 3.25),
        (RoleNumber::WorkplaceCost, |r| {
            r.workplace_cost_per_month = 3.25
        }),
    ];
    for (number, change) in cases {
        same_as(role(RoleEdit::Set(number, 3.25)), |p| {
            change(&mut p.headcount.roles[1])
        });
    }
    let relieved = !demo().headcount.roles[1].relieved_by_back_office;
    same_as(role(RoleEdit::SetRelievedByBackOffice(relieved)), |p| {
        p.headcount.roles[1].relieved_by_back_office = relieved
    });
    // A role that is gone: nothing happens.
    assert_eq!(
        edited(HeadcountEdit::Role(99, RoleEdit::SetName("x".into()))),
        demo()
    );
}

#[test]
fn a_new_kind_of_variable_pay_resets_a_rate_that_would_mean_something_else() {
    let mut plan = demo();
    let edit = |e: RoleEdit| HeadcountEdit::Role(0, e);
    edit(RoleEdit::SetVariablePay(VariablePay::PercentOfRevenue)).apply(&mut plan);
    edit(RoleEdit::Set(RoleNumber::VariableRate, 4.0)).apply(&mut plan);
    // Percent to percent: the rate stays.
    edit(RoleEdit::SetVariablePay(VariablePay::PercentOfMargin)).apply(&mut plan);
    assert_eq!(
        plan.headcount.roles[0].variable_pay,
        VariablePay::PercentOfMargin
    );
    assert_eq!(plan.headcount.roles[0].variable_rate, 4.0);
    // Percent to money per unit: reset.
    edit(RoleEdit::SetVariablePay(VariablePay::PerUnit)).apply(&mut plan);
    assert_eq!(plan.headcount.roles[0].variable_pay, VariablePay::PerUnit);
    assert_eq!(plan.headcount.roles[0].variable_rate, 0.0);
}

// Clients.

#[test]
fn clients_settings_write_their_own_fields() {
    let analysis: [(AnalysisNumber, PlanChange); 6] = [
        (AnalysisNumber::AbcAShare, |p| {
            p.clients.analysis.abc_a_pct = 3.0
        }),
        (AnalysisNumber::AbcBShare, |p| {
            p.clients.analysis.abc_b_pct = 3.0
        }),
        (AnalysisNumber::XyzXVariation, |p| {
            p.clients.analysis.xyz_x_cv_pct = 3.0
        }),
        (AnalysisNumber::XyzYVariation, |p| {
            p.clients.analysis.xyz_y_cv_pct = 3.0
        }),
        (AnalysisNumber::ActiveWindowDays, |p| {
            p.clients.analysis.active_window_days = 3.0
        }),
        (AnalysisNumber::BaseWindowMonths, |p| {
            p.clients.analysis.base_window_months = 3.0
        }),
    ];
    for (number, change) in analysis {
        same_as(ClientsEdit::SetAnalysis(number, 3.0), change);
    }
    let clv: [(ClvNumber, PlanChange); 4] = [
        (ClvNumber::Horizon, |p| p.clients.clv.horizon = 3.0),
        (ClvNumber::MonthlyDiscount, |p| {
            p.clients.clv.monthly_discount_pct = 3.0
        }),
        (ClvNumber::Margin, |p| p.clients.clv.margin_pct = 3.0),
        (ClvNumber::MinRepeatCustomers, |p| {
            p.clients.clv.min_repeat_customers = 3.0
        }),
    ];
    for (number, change) in clv {
        same_as(ClientsEdit::SetClv(number, 3.0), change);
    }
    same_as(ClientsEdit::SetTimeUnit(TimeUnit::Days), |p| {
        p.clients.clv.time_unit = TimeUnit::Days
    });
    same_as(ClientsEdit::SetCalibrationEnd(Some(10_000)), |p| {
        p.clients.clv.calibration_end = Some(10_000)
    });
    same_as(ClientsEdit::SetFileCurrency(Some(Currency::USD)), |p| {
        p.clients.currency = Some(Currency::USD)
    });
}

#[test]
fn a_new_horizon_unit_keeps_the_horizons_length() {
    let state = reduce(fresh(), ClientsEdit::SetHorizonUnit(HorizonUnit::Weeks));
    let clv = &state.plan().clients.clv;
    // 12 months of 4.345 weeks.
    assert_eq!((clv.horizon, clv.horizon_unit), (52.0, HorizonUnit::Weeks));
    let state = reduce(state, ClientsEdit::SetHorizonUnit(HorizonUnit::Months));
    let clv = &state.plan().clients.clv;
    assert_eq!((clv.horizon, clv.horizon_unit), (12.0, HorizonUnit::Months));
    // The longest horizon in weeks is ten years.
    let long = reduce(state, ClientsEdit::SetClv(ClvNumber::Horizon, 120.0));
    let weeks = reduce(long, ClientsEdit::SetHorizonUnit(HorizonUnit::Weeks));
    assert_eq!(weeks.plan().clients.clv.horizon, 520.0);
}

#[test]
fn an_import_summary_is_kept_and_forgotten() {
    let summary = ImportSummary {
        file_name: "sales.csv".into(),
        rows_read: 42,
        ..ImportSummary::default()
    };
    let state = reduce(
        fresh(),
        ClientsEdit::RememberImport(Box::new(summary.clone())),
    );
    assert_eq!(state.plan().clients.last_import, Some(summary));
    let state = reduce(state, ClientsEdit::ForgetImport);
    assert_eq!(state.plan().clients.last_import, None);
}

#[test]
fn the_bases_figures_go_into_the_plan_as_the_model_carries_them() {
    let base = BaseFigures {
        active_clients: 321,
        avg_check: 1234.567,
        purchases_per_client_per_month: 1.5,
        sleeping_clients: 17,
        ..BaseFigures::default()
    };
    let plan = edited(ClientsEdit::ApplyBaseFigures(base.clone()));
    let mut expected = demo();
    let changes = apply_base_figures(&mut expected, &base);
    assert!(!changes.is_empty());
    assert_eq!(plan, expected);
    assert_eq!(plan.ltv.avg_check, 1234.57);
    assert_eq!(plan.headcount.active_clients, 321.0);
}

// The edit values themselves.

#[test]
fn named_edits_compare_by_value_and_a_closure_only_with_itself() {
    assert_eq!(
        PlanEdit::from(LtvEdit::Set(LtvNumber::Cac, 5.0)),
        PlanEdit::Ltv(LtvEdit::Set(LtvNumber::Cac, 5.0))
    );
    assert_ne!(
        PlanEdit::from(LtvEdit::Set(LtvNumber::Cac, 5.0)),
        PlanEdit::from(LtvEdit::Set(LtvNumber::Cac, 6.0))
    );
    assert_ne!(
        PlanEdit::from(FunnelEdit::Set(FunnelNumber::AvgCheck, 5.0)),
        PlanEdit::from(LtvEdit::Set(LtvNumber::AvgCheck, 5.0))
    );
    assert_eq!(
        format!("{:?}", PlanEdit::SetName("Q3".into())),
        "SetName(\"Q3\")"
    );
}

mod fact_edits {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::calendar::Month;
    use crate::model::fact::{parse_fact_lines, FactCell};
    use crate::state::plan_edit::{FactEdit, UnknownSellers};

    fn dec(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    #[test]
    fn the_first_cell_names_the_roster_in_the_page_language() {
        let plan = edited(FactEdit::SetCell {
            day: dec(1),
            seller: 2,
            cell: FactCell::Stage(0),
            value: Some(7.0),
            lang: Lang::Ru,
        });
        // The demo funnel has 5 sellers.
        assert_eq!(plan.facts.sellers.len(), 5);
        assert_eq!(plan.facts.sellers[1].name, "Продавец 2");
        assert_eq!(plan.facts.report(dec(1), 2).unwrap().count(0), 7.0);
    }

    #[test]
    fn a_block_fills_sellers_down_and_stages_across() {
        let plan = edited(FactEdit::SetBlock {
            day: dec(2),
            first_seller: 3,
            first_column: 2,
            rows: vec![
                vec![Some(1.0), Some(2.0), Some(3.0), Some(9.0)],
                vec![Some(4.0)],
                vec![Some(5.0)],
            ],
            lang: Lang::En,
        });
        // Columns 2, 3 are stages 3 and 4, column 4 the revenue, column 5 is beyond; seller 6
        // does not exist.
        let fourth = plan.facts.report(dec(2), 4).unwrap();
        assert_eq!(fourth.counts, vec![None, None, Some(1.0), Some(2.0)]);
        assert_eq!(fourth.revenue, Some(3.0));
        assert_eq!(plan.facts.report(dec(2), 5).unwrap().count(2), 4.0);
        assert_eq!(plan.facts.reports.len(), 2);
    }

    #[test]
    fn pasted_lines_add_or_skip_unknown_sellers() {
        let month = Month::new(2026, 12).unwrap();
        let paste = parse_fact_lines(
            "01.12.2026;Seller 1;10;4;2;1;150000\n01.12.2026;Ivanov;8;3;1;0;0",
            4,
            month,
        );
        let added = edited(FactEdit::AddPasted {
            rows: paste.rows.clone(),
            unknown: UnknownSellers::Add,
            lang: Lang::En,
        });
        assert_eq!(added.facts.sellers.len(), 6);
        assert_eq!(added.facts.seller_named("ivanov"), Some(6));
        assert_eq!(added.facts.reports.len(), 2);
        let skipped = edited(FactEdit::AddPasted {
            rows: paste.rows,
            unknown: UnknownSellers::Skip,
            lang: Lang::En,
        });
        assert_eq!(skipped.facts.sellers.len(), 5);
        assert_eq!(skipped.facts.reports.len(), 1);
    }

    #[test]
    fn the_plan_month_takes_the_calendar_days_until_typed() {
        let mut plan = edited(PlanEdit::SetPlanMonth(Month::new(2026, 1)));
        assert_eq!(plan.working_days_per_month, 16.0);
        PlanEdit::from(FactEdit::ToggleDay(
            NaiveDate::from_ymd_opt(2026, 1, 9).unwrap(),
        ))
        .apply(&mut plan);
        assert_eq!(plan.working_days_per_month, 15.0);
        PlanEdit::SetWorkingDays(20.0).apply(&mut plan);
        PlanEdit::SetPlanMonth(Month::new(2026, 12)).apply(&mut plan);
        assert_eq!(plan.working_days_per_month, 20.0);
        PlanEdit::UseCalendarDays.apply(&mut plan);
        assert_eq!(plan.working_days_per_month, 23.0);
        PlanEdit::from(FactEdit::ResetCalendarYear(2026)).apply(&mut plan);
        assert!(plan.calendar.extra_holidays.is_empty());
    }
}

#[test]
fn the_month_to_date_goes_to_the_diagnostics_without_retyping() {
    use crate::model::calendar::Month;
    use crate::model::fact::FactCell;
    use crate::state::plan_edit::FactEdit;
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
    let mut plan = demo();
    for (d, value) in [(1, 10.0), (2, 12.0), (20, 99.0)] {
        PlanEdit::from(FactEdit::SetCell {
            day: day(d),
            seller: 1,
            cell: FactCell::Stage(0),
            value: Some(value),
            lang: Lang::En,
        })
        .apply(&mut plan);
    }
    PlanEdit::from(FactEdit::UseInDiagnostics {
        month: Month::new(2026, 12).unwrap(),
        as_of: day(10),
        lang: Lang::En,
    })
    .apply(&mut plan);
    assert_eq!(plan.funnel.actuals.len(), 5);
    assert_eq!(plan.funnel.actuals[0].name, "Seller 1");
    assert_eq!(
        plan.funnel.actuals[0].counts,
        vec![Some(22.0), Some(0.0), Some(0.0), Some(0.0)]
    );
}
