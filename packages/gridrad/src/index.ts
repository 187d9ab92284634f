/** @weatherlearn/gridrad — under construction. */
export {};
