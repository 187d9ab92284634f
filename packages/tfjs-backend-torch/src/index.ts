/** @weatherlearn/tfjs-backend-torch — under construction. */
export {};
