/**
 * The roster's repositories, one a sub-area; every SQL statement of the roster handlers lives in
 * one of them (handlers import from the file of their sub-area).
 */
export * from './repo-directory';
export * from './repo-setup';
export * from './repo-month';
export * from './repo-duty';
