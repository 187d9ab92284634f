/** @weatherlearn/hpc — under construction. */
export {};
