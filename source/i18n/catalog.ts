import type {en} from './catalogs/en.js';

/** A catalog's shape: the English one's keys, each a string (its words in that language). */
type Words<T> = {readonly [K in keyof T]: T[K] extends string ? string : Words<T[K]>};

export type Catalog = Words<typeof en>;
