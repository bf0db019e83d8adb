// Runs in: benchmark (node). One realistic call per twin role, as the app makes it: a 4:3 photo resized to
// 1024 for the SAM encoders; one click with the app's small orig_im_size (it upsamples the low-res mask
// itself); a CFG UNet evaluation (batch 2, 64×64 latents); 77 prompt tokens; 512² through the VAE.
import { loadOrt, type Feeds } from '../../src-main/engine/runtime/ort';

/** Deterministic values in [−1, 1). */
const wave = (n: number, scale = 1) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.7311) * scale);

export const CALL_NOTES: Record<string, string> = {
  'sam1:encoder': '768×1024 RGB (a 4:3 photo, long side 1024)',
  'sam1:decoder': '1 click + padding point, orig_im_size 48×64 (the app reads the 256² low-res logits)',
  'sam2:encoder': '1×3×1024×1024 normalised (the photo stretched to 1024²)',
  'sam2:decoder': '1 click + padding point, 3 low-res masks',
  'gdino:model': '1 × 800×800 (the export\'s size), "red car . person ." (8 tokens)',
  'sd-inpaint:unet': 'batch 2 (classifier-free guidance), 64×64 latents, 77 tokens',
  'sd-inpaint:textEncoder': '1 × 77 tokens',
  'sd-inpaint:vaeEncoder': '1 × 512×512',
  'sd-inpaint:vaeDecoder': '1 × 64×64 latents → 512×512',
};

export function feedsFor(family: string, role: string): Feeds {
  const ort = loadOrt();
  const f32 = (values: Float32Array, dims: number[]) => new ort.Tensor('float32', values, dims);
  switch (`${family}:${role}`) {
    case 'sam1:encoder':
      return {
        input_image: f32(
          wave(768 * 1024 * 3, 127).map((v) => v + 128),
          [768, 1024, 3],
        ),
      };
    case 'sam1:decoder':
      return {
        image_embeddings: f32(wave(256 * 64 * 64), [1, 256, 64, 64]),
        point_coords: f32(Float32Array.from([512, 384, 0, 0]), [1, 2, 2]),
        point_labels: f32(Float32Array.from([1, -1]), [1, 2]),
        mask_input: f32(new Float32Array(256 * 256), [1, 1, 256, 256]),
        has_mask_input: f32(Float32Array.from([0]), [1]),
        orig_im_size: f32(Float32Array.from([48, 64]), [2]),
      };
    case 'sam2:encoder':
      return { image: f32(wave(3 * 1024 * 1024, 2), [1, 3, 1024, 1024]) };
    case 'sam2:decoder':
      return {
        image_embed: f32(wave(256 * 64 * 64), [1, 256, 64, 64]),
        high_res_feats_0: f32(wave(32 * 256 * 256), [1, 32, 256, 256]),
        high_res_feats_1: f32(wave(64 * 128 * 128), [1, 64, 128, 128]),
        point_coords: f32(Float32Array.from([512, 384, 0, 0]), [1, 2, 2]),
        point_labels: f32(Float32Array.from([1, -1]), [1, 2]),
        mask_input: f32(new Float32Array(256 * 256), [1, 1, 256, 256]),
        has_mask_input: f32(Float32Array.from([0]), [1]),
      };
    case 'gdino:model': {
      const ids = BigInt64Array.from([101n, 2417n, 2482n, 1012n, 2711n, 1012n, 102n, 102n]);
      const i64 = (values: BigInt64Array, dims: number[]) => new ort.Tensor('int64', values, dims);
      return {
        pixel_values: f32(wave(3 * 800 * 800, 2), [1, 3, 800, 800]),
        pixel_mask: i64(new BigInt64Array(800 * 800).fill(1n), [1, 800, 800]),
        input_ids: i64(ids, [1, ids.length]),
        token_type_ids: i64(new BigInt64Array(ids.length), [1, ids.length]),
        attention_mask: i64(new BigInt64Array(ids.length).fill(1n), [1, ids.length]),
      };
    }
    case 'sd-inpaint:unet':
      return {
        sample: f32(wave(2 * 9 * 64 * 64), [2, 9, 64, 64]),
        timestep: f32(Float32Array.from([981]), [1]),
        encoder_hidden_states: f32(wave(2 * 77 * 768), [2, 77, 768]),
      };
    case 'sd-inpaint:textEncoder': {
      const ids = new Int32Array(77).fill(49407);
      ids.set([49406, 320, 1929, 539, 320, 2867]);
      return { input_ids: new ort.Tensor('int32', ids, [1, 77]) };
    }
    case 'sd-inpaint:vaeEncoder':
      return { sample: f32(wave(3 * 512 * 512), [1, 3, 512, 512]) };
    case 'sd-inpaint:vaeDecoder':
      return { latent_sample: f32(wave(4 * 64 * 64, 3), [1, 4, 64, 64]) };
    default:
      throw new Error(`no benchmark call for ${family} ${role}`);
  }
}
