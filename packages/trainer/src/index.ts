/** @weatherlearn/trainer — under construction. */
export {};
