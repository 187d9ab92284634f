// The one spherical-harmonic potential/drift evaluator lives in @weatherlearn/superdarn/geometry
// (the polar CONVMAP gridding uses it too); the plots use it from there.
export {
  mapPotentialModel, legendreTable, shiftCoordinates, evalMapPotential, type MapPotentialModel,
} from '@weatherlearn/superdarn/geometry';
