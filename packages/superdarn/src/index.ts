/** @weatherlearn/superdarn — under construction. */
export {};
