export * from './npz.js';
