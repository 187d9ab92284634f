// Potential grids and E×B drift of the fit: from @weatherlearn/superdarn/geometry (one evaluator).
export {
  potentialGrid, crossPolarCapPotential, dipoleField, mapDrift, type PotentialGrid, type Drift,
} from '@weatherlearn/superdarn/geometry';
