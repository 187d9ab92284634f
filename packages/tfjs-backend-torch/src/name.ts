/** The torch backend's name in the tfjs registry. */
export const BACKEND_NAME = 'torch';
