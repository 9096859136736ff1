/** A record as a refusal lists it: its id and its name (empty where the entity has no name field). */
export type Candidate = {id: string; name: string};

export type Resolution<R> =
	| {found: true; record: R; by: 'id' | 'externalId' | 'name'}
	| {found: false; code: 'not_found'; ref: string}
	| {
			found: false;
			code: 'ambiguous';
			ref: string;
			by: 'externalId' | 'name';
			/** The first `listed` of them, in the file's order. */
			candidates: Candidate[];
			/** How many more there are beyond those listed. */
			more: number;
	  };

type Named = {id: string; externalId?: string | null};

/** How many candidates a refusal lists at most; the rest are counted. */
export const candidatesListed = 10;

const nameOf = (record: Named, nameField: string | null): string => {
	if (nameField === null) return '';
	const value = (record as unknown as Record<string, unknown>)[nameField];
	return typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
};

const folded = (text: string): string => text.trim().toLowerCase();

/**
 * The record `ref` names among `records`: its id, else its external id (the other system's, kept by
 * an import), else the exact name in `nameField` (case and surrounding spaces ignored). Two records
 * of one external id or one name are refused with them as candidates, never one picked at random.
 */
export const resolveRecord = <R extends Named>(
	records: readonly R[],
	given: string,
	nameField: string | null,
): Resolution<R> => {
	const ref = given.trim();
	if (ref === '') return {found: false, code: 'not_found', ref};
	const byId = records.find((record) => record.id === ref);
	if (byId) return {found: true, record: byId, by: 'id'};
	const byExternal = records.filter((record) => record.externalId === ref);
	if (byExternal.length > 0) return oneOf(byExternal, 'externalId', ref, nameField);
	if (nameField === null) return {found: false, code: 'not_found', ref};
	const wanted = folded(ref);
	const byName = records.filter((record) => folded(nameOf(record, nameField)) === wanted);
	if (byName.length > 0) return oneOf(byName, 'name', ref, nameField);
	return {found: false, code: 'not_found', ref};
};

const oneOf = <R extends Named>(
	matches: readonly R[],
	by: 'externalId' | 'name',
	ref: string,
	nameField: string | null,
): Resolution<R> => {
	if (matches.length === 1) return {found: true, record: matches[0]!, by};
	return {
		found: false,
		code: 'ambiguous',
		ref,
		by,
		candidates: matches.slice(0, candidatesListed).map((record) => ({id: record.id, name: nameOf(record, nameField)})),
		more: Math.max(0, matches.length - candidatesListed),
	};
};
