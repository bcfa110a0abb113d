//! The client-base import as an app-wide service: which step it is at (file, columns,
//! progress, results), the worker behind it, and the actions the clients page calls.
//!
//! It lives above the router, so the results stay while the person visits other pages. The
//! plan keeps only a summary of the last import ([`crate::model::clients::ImportSummary`]).

mod worker_link;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::model::clients::{ClientsReport, ImportError};
use crate::model::FieldError;
use crate::state::plan_edit::ClientsEdit;
use crate::ui::state::{use_app, AppHandle};
use crate::worker::protocol::{
    AnalyzeRequest, ExportFormat, ExportRequest, Failure, Opened, Request, Response, Step, Timings,
};
pub use worker_link::busy;
pub use worker_link::WorkerLink;

/// Where the import is.
#[derive(Clone, PartialEq)]
pub enum Phase {
    /// No file yet.
    Idle,
    /// A file is being read for the mapping step; an .xlsx tells the share unpacked.
    Opening {
        file_name: String,
        unpacked: Option<f64>,
    },
    /// The columns step.
    Mapping,
    /// Rows are being read and analysed.
    Running { step: Step, fraction: f64 },
    /// The results are on screen.
    Done,
}

/// A problem the page shows.
#[derive(Clone, PartialEq)]
pub enum ImportProblem {
    /// The whole file (or the request) failed.
    Failed(Failure),
    /// The worker could not start or stopped.
    WorkerCrashed,
}

#[derive(Clone, PartialEq)]
pub struct ImportState {
    pub phase: Phase,
    pub opened: Option<Rc<Opened>>,
    pub report: Option<Rc<ClientsReport>>,
    /// How long the worker took for the report on screen (the page's footnote).
    pub timings: Timings,
    /// Problems of the column mapping (fields `map-client`, `map-date` ...).
    pub mapping_errors: Vec<FieldError>,
    pub problem: Option<ImportProblem>,
    /// An export is being prepared.
    pub exporting: Option<ExportFormat>,
    /// The last analysis asked for (its dialect and mapping are reused when settings change).
    pub last_request: Option<AnalyzeRequest>,
    /// The results on screen are being recomputed with new settings.
    pub busy: bool,
    /// The share of the forecast done while it is fitted after the results (0..=1).
    pub forecast_progress: f64,
    /// The forecast was stopped by Cancel; the analysis stays on screen without it.
    pub forecast_cancelled: bool,
}

impl Default for ImportState {
    fn default() -> Self {
        ImportState {
            phase: Phase::Idle,
            opened: None,
            report: None,
            timings: Timings::default(),
            mapping_errors: Vec::new(),
            problem: None,
            exporting: None,
            last_request: None,
            busy: false,
            forecast_progress: 0.0,
            forecast_cancelled: false,
        }
    }
}

pub enum ImportAction {
    Opening(String),
    /// An analysis was asked for: progress from the start, or, with results on screen,
    /// the results stay (dimmed) until the new ones come.
    Running(AnalyzeRequest),
    Response(Response),
    /// Cancel pressed: back to the columns step.
    Cancelled,
    /// Cancel pressed while the forecast is fitted after the results: they stay.
    ForecastCancelled,
    Crashed,
    Exporting(ExportFormat),
    /// Start over with another file.
    Reset,
    DismissProblem,
}

impl Reducible for ImportState {
    type Action = ImportAction;

    fn reduce(self: Rc<Self>, action: ImportAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            ImportAction::Opening(file_name) => {
                next = ImportState {
                    phase: Phase::Opening {
                        file_name,
                        unpacked: None,
                    },
                    ..ImportState::default()
                };
            }
            ImportAction::Running(request) => {
                if next.phase == Phase::Done {
                    next.busy = true;
                } else {
                    next.phase = Phase::Running {
                        step: Step::Reading,
                        fraction: 0.0,
                    };
                }
                next.last_request = Some(request);
                next.forecast_progress = 0.0;
                next.forecast_cancelled = false;
                next.problem = None;
                next.mapping_errors.clear();
            }
            ImportAction::Cancelled => {
                next.phase = back_to_columns(&next);
                next.problem = Some(ImportProblem::Failed(Failure::Import(
                    ImportError::Cancelled,
                )));
            }
            ImportAction::ForecastCancelled => {
                // A forecast that came just before the click stays.
                let pending = next.report.as_ref().is_some_and(|r| r.forecast.is_none());
                if next.phase == Phase::Done && pending {
                    next.forecast_cancelled = true;
                }
                next.busy = false;
            }
            ImportAction::Crashed => {
                next.busy = false;
                next.phase = back_to_columns(&next);
                next.exporting = None;
                next.problem = Some(ImportProblem::WorkerCrashed);
            }
            ImportAction::Exporting(format) => next.exporting = Some(format),
            ImportAction::Reset => next = ImportState::default(),
            ImportAction::DismissProblem => next.problem = None,
            ImportAction::Response(response) => apply(&mut next, response),
        }
        Rc::new(next)
    }
}

/// The step to return to when an analysis stops: the columns, if a file is open.
fn back_to_columns(state: &ImportState) -> Phase {
    if state.opened.is_some() {
        Phase::Mapping
    } else {
        Phase::Idle
    }
}

fn apply(state: &mut ImportState, response: Response) {
    match response {
        Response::Ready => {}
        Response::Opened(opened) => {
            // A file sent again to a new worker (after Cancel) must not undo the person's
            // column choices or the results: only an open or a preview shows the mapping.
            if matches!(state.phase, Phase::Opening { .. } | Phase::Mapping) {
                state.opened = Some(Rc::from(opened));
                state.phase = Phase::Mapping;
                state.report = None;
                state.mapping_errors.clear();
            }
        }
        Response::Progress {
            step: Step::Unpacking,
            fraction,
        } => {
            if let Phase::Opening { unpacked, .. } = &mut state.phase {
                *unpacked = Some(fraction);
            }
        }
        // The forecast runs after the results are on screen: its progress is the forecast card's.
        Response::Progress {
            step: Step::Forecasting,
            fraction,
        } => state.forecast_progress = fraction,
        Response::Progress { step, fraction } => {
            if matches!(state.phase, Phase::Running { .. }) {
                state.phase = Phase::Running { step, fraction };
            }
        }
        Response::Analyzed { report, timings } => {
            state.report = Some(Rc::from(report));
            state.timings = timings;
            state.forecast_progress = 0.0;
            state.forecast_cancelled = false;
            state.phase = Phase::Done;
            state.problem = None;
            state.busy = false;
        }
        // The forecast belongs to the last analysis, which the worker sent just before.
        Response::Forecasted { report, timings } => {
            if let Some(analysis) = &state.report {
                state.report = Some(Rc::new(
                    ClientsReport::clone(analysis).with_forecast(*report),
                ));
                state.timings = state.timings.with_forecast(timings);
            }
        }
        Response::Exported { .. } => state.exporting = None,
        // Only the facts page asks for a table, through its own worker.
        Response::Table { .. } => {}
        Response::Failed(Failure::Import(ImportError::Mapping(errors))) => {
            state.busy = false;
            state.mapping_errors = errors;
            state.phase = back_to_columns(state);
        }
        Response::Failed(failure) => {
            state.exporting = None;
            state.busy = false;
            state.phase = match state.phase {
                Phase::Opening { .. } => Phase::Idle,
                Phase::Running { .. } => back_to_columns(state),
                ref other => other.clone(),
            };
            state.problem = Some(ImportProblem::Failed(failure));
        }
    }
}

/// What the clients page uses: the state and the actions.
#[derive(Clone)]
pub struct ImportHandle {
    pub state: UseReducerHandle<ImportState>,
    service: Rc<Service>,
}

impl PartialEq for ImportHandle {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state
    }
}

/// The worker and the file it was given (sent again to a new worker after Cancel).
struct Service {
    link: RefCell<Option<WorkerLink>>,
    /// The running worker has been given the open file (a started one has not yet).
    link_has_file: Cell<bool>,
    file: RefCell<Option<(String, JsValue)>>,
    on_response: Callback<(Response, JsValue)>,
    on_crash: Callback<()>,
}

impl Service {
    /// The running worker, started (and given the open file) if there is none.
    fn with_link(&self, send: impl FnOnce(&WorkerLink)) {
        let mut link = self.link.borrow_mut();
        if link.is_none() {
            let Ok(new_link) = WorkerLink::spawn(self.on_response.clone(), self.on_crash.clone())
            else {
                self.on_crash.emit(());
                return;
            };
            let has_file = self.file.borrow().is_some();
            self.link_has_file.set(has_file);
            if let Some((file_name, file)) = self.file.borrow().as_ref() {
                new_link.send(
                    &Request::Open {
                        file_name: file_name.clone(),
                    },
                    Some(file),
                );
            }
            *link = Some(new_link);
        }
        if let Some(link) = link.as_ref() {
            send(link);
        }
    }
}

impl ImportHandle {
    /// Starts the worker before a file comes, so opening and reading it do not wait for
    /// the worker's code to load. The Clients page calls it when shown.
    pub fn prepare(&self) {
        self.service.with_link(|_| {});
    }

    /// Opens a dropped or picked file.
    pub fn open(&self, file: web_sys::File) {
        let file_name = file.name();
        self.state
            .dispatch(ImportAction::Opening(file_name.clone()));
        // A new file, a new worker (nothing of the old one is kept), unless the running one
        // was only started and has seen no file.
        let prepared = self.service.link.borrow().is_some() && !self.service.link_has_file.get();
        if !prepared {
            *self.service.link.borrow_mut() = None;
        }
        let file: JsValue = file.into();
        *self.service.file.borrow_mut() = Some((file_name.clone(), file.clone()));
        if prepared {
            self.service.link_has_file.set(true);
            self.service
                .with_link(|link| link.send(&Request::Open { file_name }, Some(&file)));
        } else {
            self.service.with_link(|_| {});
        }
    }

    pub fn preview(&self, dialect: crate::model::clients::Dialect) {
        self.service
            .with_link(|link| link.send(&Request::Preview { dialect }, None));
    }

    pub fn analyze(&self, request: AnalyzeRequest) {
        self.state.dispatch(ImportAction::Running(request.clone()));
        self.service
            .with_link(|link| link.send(&Request::Analyze(request), None));
    }

    /// Stops the analysis (or the opening of a file) at once: the worker is terminated (a
    /// new one starts on demand).
    pub fn cancel(&self) {
        *self.service.link.borrow_mut() = None;
        if matches!(self.state.phase, Phase::Opening { .. }) {
            // The file was not opened: a new worker must not be given it again.
            *self.service.file.borrow_mut() = None;
        }
        self.state.dispatch(ImportAction::Cancelled);
    }

    /// Stops the forecast fitted after the results: the worker is terminated, the analysis
    /// stays on screen. A later request starts a new worker and gives it the file again.
    pub fn cancel_forecast(&self) {
        *self.service.link.borrow_mut() = None;
        self.state.dispatch(ImportAction::ForecastCancelled);
    }

    /// The forecast again after a cancel: the new worker reads the file and analyses it
    /// again (the results stay, dimmed, meanwhile), then fits the forecast.
    pub fn rerun_forecast(&self) {
        if let Some(request) = self.state.last_request.clone() {
            self.analyze(request);
        }
    }

    pub fn export(&self, request: ExportRequest) {
        self.state.dispatch(ImportAction::Exporting(request.format));
        self.service
            .with_link(|link| link.send(&Request::Export(request), None));
    }

    pub fn reset(&self) {
        *self.service.link.borrow_mut() = None;
        *self.service.file.borrow_mut() = None;
        self.state.dispatch(ImportAction::Reset);
        self.prepare();
    }

    pub fn dismiss_problem(&self) {
        self.state.dispatch(ImportAction::DismissProblem);
    }
}

/// Keeps the summary of a finished analysis in the active plan.
fn remember(app: &AppHandle, report: &ClientsReport, analysed_at_ms: f64) {
    let summary = report.summary_for_plan(analysed_at_ms);
    app.edit(ClientsEdit::RememberImport(Box::new(summary)));
}

#[derive(Properties, PartialEq)]
pub struct ImportProviderProps {
    pub children: Html,
}

#[function_component(ImportProvider)]
pub fn import_provider(props: &ImportProviderProps) -> Html {
    let app = use_app();
    let state = use_reducer(ImportState::default);
    // The app handle changes with every edit; the worker's callbacks read the newest one.
    let app_ref = use_mut_ref(|| app.clone());
    *app_ref.borrow_mut() = app.clone();
    let service = {
        let dispatcher = state.dispatcher();
        use_memo((), move |_| {
            let on_response = {
                let dispatcher = dispatcher.clone();
                // The last analysis, to keep it in the plan again with its forecast.
                let last_report: RefCell<Option<ClientsReport>> = RefCell::new(None);
                Callback::from(move |(response, payload): (Response, JsValue)| {
                    match &response {
                        Response::Analyzed { report, .. } => {
                            remember(&app_ref.borrow(), report, js_sys::Date::now());
                            *last_report.borrow_mut() = Some(ClientsReport::clone(report));
                        }
                        Response::Forecasted {
                            report: forecast, ..
                        } => {
                            let report = last_report.borrow_mut().take();
                            if let Some(report) = report {
                                let report = report.with_forecast(*forecast.clone());
                                remember(&app_ref.borrow(), &report, js_sys::Date::now());
                            }
                        }
                        Response::Exported { file_name, mime } => {
                            let bytes = js_sys::Uint8Array::new(&payload).to_vec();
                            crate::ui::browser::download(&bytes, file_name, mime);
                        }
                        _ => {}
                    }
                    dispatcher.dispatch(ImportAction::Response(response));
                })
            };
            let on_crash = Callback::from(move |_| dispatcher.dispatch(ImportAction::Crashed));
            Service {
                link: RefCell::new(None),
                link_has_file: Cell::new(false),
                file: RefCell::new(None),
                on_response,
                on_crash,
            }
        })
    };
    let handle = ImportHandle {
        state,
        service: service.clone(),
    };
    html! {
        <ContextProvider<ImportHandle> context={handle}>
            { props.children.clone() }
        </ContextProvider<ImportHandle>>
    }
}

/// The import service from the context (provided by the app shell).
#[hook]
pub fn use_import() -> ImportHandle {
    use_context::<ImportHandle>().expect("ImportHandle context is provided by App")
}
