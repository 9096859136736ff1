import type {en} from './catalogs/en.js';

// The keys of `t` are the English catalog's: a missing or misspelt key is a type error.
declare module 'i18next' {
	interface CustomTypeOptions {
		defaultNS: 'translation';
		resources: {translation: typeof en};
		returnNull: false;
	}
}
