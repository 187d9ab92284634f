/** @weatherlearn/pangu — under construction. */
export {};
