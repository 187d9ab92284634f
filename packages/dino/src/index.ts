/** @weatherlearn/dino — under construction. */
export {};
