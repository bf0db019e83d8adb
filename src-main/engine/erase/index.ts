// Runs in: engine process. The learned erasers (MI-GAN, LaMa): the public surface of this folder.
export { eraseFill, type EraseModel } from './erase';
export { eraserMethod, findEraserPack, noEraser, openEraser, NO_ERASER, type EraserMethod } from './eraser-pack';
export { removeFill, type RemoveFillResult, type RequestedMethod } from './remove-fill';
