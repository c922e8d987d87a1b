/** `@hub/platform/testing`: test aids (never imported by code that runs in the hub). */
// Captures the JSON log lines of an app under test, for assertions on what is (not) logged.
export { LogCapture } from './log-capture';
