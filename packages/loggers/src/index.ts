/** @weatherlearn/loggers — under construction. */
export {};
