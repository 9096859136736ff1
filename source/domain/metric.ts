/**
 * One measurement of the console itself (KPI.md performance), kept in the metrics log beside the data:
 * a frame `render`, a `save` that became durable (its ms from request to disk), the session's `load`
 * time, an unexpected `error`; and, since issue 15, a session's `start` (with the process, so a later
 * reader can tell a session still running from one that died), its clean `exit`, and a `save_failed`:
 * a save attempted that did not become durable (a refusal in words is no attempt). Older logs have
 * none of the last three: their sessions and saves count from when these were first recorded.
 */
export type Metric = {
	at: string;
	session: string;
	kind: 'render' | 'save' | 'load' | 'error' | 'start' | 'exit' | 'save_failed';
	ms?: number;
	/** On `start`: the process id and host of the session. */
	pid?: number;
	host?: string;
};
