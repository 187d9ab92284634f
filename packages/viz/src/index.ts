/** @weatherlearn/viz — under construction. */
export {};
