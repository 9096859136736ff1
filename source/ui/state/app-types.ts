import type {ChangeEntry} from '../../domain/change-log.js';
import type {Dataset, EntityName} from '../../domain/dataset.js';
import type {Mutation} from '../../domain/mutation.js';
import type {Settings} from '../../domain/settings.js';
import type {FormDefinition} from '../forms/form-definitions.js';
import type {TerminalSize} from '../layout/frame-layout.js';
import type {SortOrder} from '../screens/screen-definition.js';
import type {TextInput} from './text-input.js';

/** The import's steps are modes of their own: each has its keys (typing a path, choosing, previewing, waiting, reading the summary). */
export type ImportMode = 'importFile' | 'importChoice' | 'importPreview' | 'importRunning' | 'importDone';
export type Mode =
	| 'list'
	| 'filter'
	| 'detail'
	| 'form'
	| 'board'
	| 'assessment'
	| 'duplicates'
	| 'merge'
	| 'frequency'
	| ImportMode;

/** The screens of the header: the entities, the assessment, the change log and the follow-ups due. */
export type ScreenName = EntityName | 'assess' | 'log' | 'followups';

/** Issue 17's analysis views: the funnel, the time in each open stage, a stage's slowest deals, customer value (RFM). */
export type AnalysisView = 'funnel' | 'stages' | 'stuck' | 'value';

/** The assessment screen: which period, which view, where the cursor is. */
export type AssessmentState = {
	kind: import('../../assessment/periods.js').PeriodKind;
	/** The period shown, as its key (`2026-03`); the current one when the screen first opens. */
	periodKey: string;
	view: 'panels' | 'trend' | 'compare' | 'alerts' | 'requirements' | AnalysisView;
	/** The selected KPI row in the panels (and the KPI the trend shows). */
	cursor: number;
	/** The selected record in the trend's list or the alerts (the stage, the deal, the segment in the analysis views). */
	recordCursor: number;
	/** The open stage whose slowest deals the `stuck` view lists (its row in the `stages` view, where Esc returns). */
	stage?: number;
	/** The analysis view a trend was opened from (`T` in the stages views): where Esc returns. */
	trendFrom?: AnalysisView;
};

export type ListState = {
	cursor: number;
	/** First row in the window; moves only when the cursor would leave it. */
	offset: number;
	filter: string;
	sort: SortOrder;
	/** The record selected before the filter last changed: reselected when a filter that hid it is cleared. */
	anchorId?: string;
	/** The order before "mine" sorted the list by what is due: back when `@` is pressed again. */
	sortBeforeMine?: SortOrder;
};

export type FormState = {
	definition: FormDefinition;
	/** The record being edited, or null for a new one. */
	recordId: string | null;
	version: number | null;
	texts: Record<string, string>;
	/** Values the form does not show: the customer of an activity, the ticket a feedback answers. */
	fixed: Record<string, unknown>;
	focus: string;
	caret: number;
	/** Fields the operator has left: their errors show from then on (all of them after a save attempt). */
	touched: string[];
	submitted: boolean;
	/** The focused list of numbers (a rating, an NPS) is being typed: the next digit goes on the end of its number. */
	typingNumber?: boolean;
	/** Reasons the store gave when it refused the last save, by field. */
	storeErrors: Record<string, string>;
	/** What to do once saved: offer feedback after a ticket closes, and so on. */
	after?: AfterSave;
	/** The texts as the form opened them: what the operator changed is what differs from these. */
	original: Record<string, string>;
	/** The usability survey: whether the console offered it (Esc then postpones or declines it) or the operator opened it. */
	survey?: {offered: boolean; escDeclines: boolean};
	/** Set for a settings form: the KPI whose target it edits, or the general assessment settings. */
	targetOf?: import('../../assessment/kpi-catalog.js').KpiId | 'general' | 'money' | 'costs';
};

export type AfterSave =
	| {kind: 'offerFeedback'; ticketId: string; customerId: string}
	/** A resolved ticket: schedule a follow-up (回访)? */
	| {kind: 'offerFollowUp'; ticketId: string; customerId: string}
	/** A won deal: create its order? */
	| {kind: 'offerOrder'; dealId: string};

/** A one-line answer the console waits for: a ticket reply. */
export type PromptTarget =
	| {kind: 'reply'; ticketId: string; version: number}
	| {kind: 'requirementNote'; id: string}
	/** A bulk action's typed value (an owner, a tag, a reason). */
	| {kind: 'bulkValue'; action: string}
	/** A bulk delete of rows nobody marked: their count typed back. */
	| {kind: 'bulkCount'; count: number; action: string};

/** What a picker's choice goes to. */
export type PickTarget =
	| {kind: 'formField'; key: string}
	| {kind: 'lostReason' | 'wonReason'; dealId: string; title: string; version: number}
	| {kind: 'jump'}
	/** `c` on a list: what to do to the marked rows (or every row shown); then, for a field, its new value. */
	| {kind: 'bulkAction'}
	| {kind: 'bulkValue'; action: string}
	/** `:view` without a name: the saved view to recall. */
	| {kind: 'view'}
	/** `:audience` without a name: the campaign whose audience the customers shown join. */
	| {kind: 'audience'};

export type Overlay =
	| {
			kind: 'picker';
			title: string;
			choices: 'customers' | 'campaigns' | 'opportunities' | 'records' | readonly string[];
			query: TextInput;
			cursor: number;
			target: PickTarget;
	  }
	| {kind: 'confirm'; message: string; details: string[]; onYes: ConfirmAction}
	| {kind: 'prompt'; title: string; input: TextInput; target: PromptTarget}
	| {kind: 'conflict'; message: string; fields: ConflictField[]}
	/** What a step did, line by line, to read before going on (the records a bulk change refused). */
	| {kind: 'report'; title: string; lines: string[]; scroll: number}
	| {
			kind: 'command';
			input: TextInput;
			/** Position in the history while browsing it with ↑/↓; null when typing. */
			historyIndex: number | null;
	  };

/** A field of a record two operators changed: as the form opened it, as the other saved it, as this form has it. */
export type ConflictField = {key: string; label: string; original: string; theirs: string; mine: string};

export type ConfirmAction =
	| {kind: 'apply'; mutations: Mutation[]; notice: string}
	/** A bulk change: the records the rules refuse are listed, the rest applied (`CrmStore.applyEach`). */
	| {kind: 'bulk'; request: BulkRequest}
	/** An export that replaces `path` (the file as the question named it). */
	| {kind: 'export'; request: Omit<Extract<StoreRequest, {kind: 'export'}>, 'id'>; path?: string}
	| {kind: 'feedbackForm'; ticketId: string; customerId: string}
	| {kind: 'followUpForm'; ticketId: string | null; customerId: string}
	| {kind: 'orderForm'; dealId: string}
	/** Leave the usability survey with answers given and unsent. */
	| {kind: 'leaveSurvey'};

/** A record a bulk change left as it is, and why, in words. */
export type BulkRefusal = {id: string; label: string; message: string};

/** A bulk change (`c`), as confirmed: the store applies what its rules accept, one batch, and lists the rest. */
export type BulkRequest = {
	mutations: Mutation[];
	/** What it does in words, and to how many: `Set owner to “Ada” on 5 customers`. */
	notice: string;
	/** The records' names as this console shows them (masked with --mask), for what the store refuses. */
	labels: Record<string, string>;
	/** Records the action does not apply to (a won deal has no next stage), said with the store's refusals. */
	skipped: BulkRefusal[];
	/** Records that already had what the change sets: left as they are, and said. */
	unchanged: number;
	/** The list it was asked on, and whether it acted on its marks (they are then cleared, the refused kept). */
	screen: ScreenName;
	marked: boolean;
};

/** A change handed to the store; the reducer stays pure and the app runs it. */
export type StoreRequest =
	| {id: number; kind: 'apply'; mutations: Mutation[]; notice: string; fromForm: boolean; after?: AfterSave}
	| {id: number; kind: 'undo'}
	| ({id: number; kind: 'bulk'} & BulkRequest)
	| {
			id: number;
			kind: 'export';
			name: string;
			path: string | null;
			text: string;
			count: number;
			/** The operator said yes to replacing the file that is there. */
			replace: boolean;
	  }
	| {
			id: number;
			kind: 'settings';
			patch: import('../../store/settings-file.js').SettingsPatch;
			notice: string;
			fromForm: boolean;
	  }
	| {
			id: number;
			kind: 'import';
			csvFile: string;
			table: import('../../domain/import/csv-table.js').CsvTable;
			mapping: import('../../domain/import/import-mapping.js').ImportMapping;
			dryRun: boolean;
	  };

/** The frequency view (`#`): one column of a list counted by value. */
export type FrequencyState = {
	screen: ScreenName;
	column: string;
	cursor: number;
	/** By count (most first), by value, or by the sum of the screen's money column (most first). */
	sort: 'count' | 'value' | 'sum';
};

/** A list's filter and sort saved under a name (`:view save NAME`). */
export type SavedView = {screen: ScreenName; filter: string; sort: SortOrder};

export type AppState = {
	dataset: Dataset;
	settings: Settings;
	operator: string;
	/** --mask: customers' names, emails and phones are masked on every screen (never in the file). */
	mask: boolean;
	/** What this operator may change: their role, and --readonly. The store enforces it; the console hides what is refused. */
	access: {role: import('../../domain/access.js').Role; readonly: boolean};
	screen: ScreenName;
	lists: Record<ScreenName, ListState>;
	mode: Mode;
	/** The open record; `from` is where Esc returns (the board, the assessment, or the list). */
	detail: {id: string; scroll: number; from?: 'board' | 'assess'} | null;
	assessment: AssessmentState;
	/** The duplicates view's selected group, and the merge being prepared. */
	duplicates: {
		cursor: number;
		merge: {
			survivorId: string;
			otherId: string;
			take: import('../../domain/duplicates.js').MergeField[];
			cursor: number;
		} | null;
	};
	form: FormState | null;
	/** The import screen's steps so far; null when it is closed. */
	importing: import('./import-wizard.js').ImportWizard | null;
	overlay: Overlay | null;
	help: {open: boolean; scroll: number};
	/** The change waiting for the store; others wait until it is done. */
	request: StoreRequest | null;
	/** Keys typed while a change is being saved, replayed in order once it is done (type-ahead). */
	keyBuffer: import('../keys/key-parser.js').Key[];
	nextRequestId: number;
	/** Text just refused for being longer than its field takes: where, and how many characters so far (a paste arrives in chunks). */
	notTaken?: {where: string; count: number};
	/** Command lines run this session, oldest first, for ↑/↓. */
	commandHistory: string[];
	/** The language the console speaks (`--lang`, then `:lang`). */
	lang: import('../../i18n/language.js').Language;
	/** The rows marked on each list (Space, `*`), by record id: they survive scrolling, sorting and filtering. */
	marks: Partial<Record<ScreenName, import('./mark-set.js').MarkSet>>;
	/** The frequency view open over a list, or null. */
	frequency: FrequencyState | null;
	/** This operator's saved views by name, and each screen's default (from the operator's file). */
	views: {saved: Record<string, SavedView>; defaults: Partial<Record<ScreenName, string>>};
	/** The changes of the saved views this session, in order: the operator's file is told each once. */
	viewOps: import('./saved-views.js').ViewOp[];
	/** A bulk delete of rows nobody marked, waiting for their count to be typed back. */
	pendingBulk?: BulkRequest;
	/** A bulk change under way: how far its checks are. */
	progress?: {done: number; total: number};
	/** The pipeline board's selected column and row. */
	board: {column: number; row: number};
	size: TerminalSize;
	now: number;
	/** A one-line message for the status line, cleared by the next key. */
	notice: {text: string; tone: 'info' | 'ok' | 'bad'} | null;
	quit: boolean;
	/** How many times Ctrl+L asked for the whole screen to be drawn again. */
	redraws: number;
	/** The console's own measurements (render, save, load times), for the performance panel. */
	metrics?: import('../../domain/metric.js').Metric[];
	/**
	 * The usability survey's offer: `due` once the operator's file says it is (it opens as soon as
	 * nothing else is open); `esc`, the operator's Esc on an offered survey, for the file to keep.
	 */
	survey: {due: boolean; escDeclines: boolean; esc: {declines: boolean; at: number} | null};
	/** The data still being read behind the first rows (a database): records read of about how many; null once all are. */
	loading: {done: number; total: number} | null;
};

/** What the store reports back: the new data, the logged entries, and for an undo the change it reverted. */
export type StoreResult = {
	dataset: Dataset;
	entries: ChangeEntry[];
	undone?: ChangeEntry;
	/** How many changes an undo reverted (a batch: an import, a merge). */
	count?: number;
	/** A bulk change: the records it left as they are, and why. */
	refused?: readonly BulkRefusal[];
	/** A later change of the settings or roles that the undo left as it is. */
	notUndone?: ChangeEntry;
};

export type AppAction =
	| {type: 'key'; key: import('../keys/key-parser.js').Key}
	| {type: 'resize'; size: TerminalSize}
	| {type: 'tick'; now: number}
	/** Another writer saved: its data, and the settings in force after it (the same object when they did not change). */
	| {
			type: 'dataset';
			dataset: Dataset;
			settings?: Settings;
			loading?: AppState['loading'];
			/** The settings file's roles are not those in force (edited there by hand), in words: said once every record is read. */
			rolesWarning?: string | null;
	  }
	| {type: 'metrics'; metrics: import('../../domain/metric.js').Metric[]}
	/** The operator's file says the survey is due: offered once nothing else is open. */
	| {type: 'surveyDue'; escDeclines: boolean}
	/** Something done off the keys' path has a word for the status line. */
	| {type: 'notice'; text: string; tone: 'info' | 'ok' | 'bad'}
	| {type: 'applied'; requestId: number; result: StoreResult; now: number}
	| {type: 'bulkProgress'; requestId: number; done: number; total: number}
	/** The saved views read from the operator's file at start. */
	| {type: 'views'; views: AppState['views']}
	/** The views as the operator's file holds them after a write: with those another console of theirs saved. */
	| {type: 'viewsSynced'; views: AppState['views']}
	| {
			type: 'settingsSaved';
			requestId: number;
			settings: Settings;
			/** The data as the store holds it after logging the change. */
			dataset?: Dataset;
	  }
	| {type: 'exported'; requestId: number; message: string}
	| {type: 'exportExists'; requestId: number; path: string; bytes: number}
	| {type: 'importFound'; found: NonNullable<import('./import-wizard.js').ImportWizard['found']>}
	| {type: 'importListed'; folder: string; entries: import('./import-wizard.js').FoundFile[] | null; error?: string}
	| {
			type: 'importRead';
			file: string;
			result: {table: import('../../domain/import/csv-table.js').CsvTable} | {error: string; folder?: boolean};
	  }
	| {
			type: 'importProgress';
			requestId: number;
			progress: NonNullable<import('./import-wizard.js').ImportWizard['progress']>;
	  }
	| {
			type: 'imported';
			requestId: number;
			plan: import('../../domain/import/plan-import.js').ImportPlan;
			rejectsFile: string | null;
			result: StoreResult | null;
	  }
	| {
			type: 'failed';
			requestId: number;
			message: string;
			issues: ReadonlyArray<{field: string; message: string}>;
			dataset?: Dataset;
			/** The record someone else saved meanwhile. */
			conflict?: string;
	  };
