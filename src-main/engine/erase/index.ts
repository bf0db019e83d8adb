// Runs in: engine process. The learned eraser (MI-GAN): the public surface of this folder.
export { eraseFill, type EraseModel } from './erase';
export { findEraserPack, openEraser, NO_ERASER } from './eraser-pack';
export { removeFill, type RemoveFillResult, type RequestedMethod } from './remove-fill';
