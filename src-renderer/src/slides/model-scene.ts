import {
  AmbientLight,
  Box3,
  Color,
  DirectionalLight,
  Group,
  PerspectiveCamera,
  Scene,
  Vector3,
  WebGLRenderer,
} from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';

/** One full turn every 40 s: slow enough to read the shape from across the hall. */
const TURN_MS = 40_000;

/**
 * Shows a binary glTF model turning slowly in `host`. The angle is a function of controller
 * time, so every screen showing the slide shows the model at the same angle.
 * Returns a function that stops and frees everything.
 */
export async function showTurningModel(
  host: HTMLElement,
  url: string,
  now: () => number,
): Promise<() => void> {
  const renderer = new WebGLRenderer({ antialias: true, alpha: true });
  renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
  host.appendChild(renderer.domElement);
  const scene = new Scene();
  scene.add(new AmbientLight(new Color('#ffffff'), 1.2));
  const sun = new DirectionalLight(new Color('#fff4e0'), 2.4);
  sun.position.set(3, 5, 4);
  scene.add(sun);
  const camera = new PerspectiveCamera(35, 1, 0.01, 100);
  const turntable = new Group();
  scene.add(turntable);

  const gltf = await new GLTFLoader().loadAsync(url);
  // Centre the model and fit it to the view whatever units the curator's tool used.
  const box = new Box3().setFromObject(gltf.scene);
  const size = box.getSize(new Vector3());
  const centre = box.getCenter(new Vector3());
  gltf.scene.position.sub(centre);
  turntable.add(gltf.scene);
  const radius = Math.max(size.x, size.y, size.z) || 1;
  camera.position.set(0, radius * 0.35, radius * 2.6);
  camera.lookAt(0, 0, 0);

  const resize = () => {
    const { clientWidth: w, clientHeight: h } = host;
    renderer.setSize(w, h, false);
    camera.aspect = w / Math.max(1, h);
    camera.updateProjectionMatrix();
  };
  resize();
  const observer = new ResizeObserver(resize);
  observer.observe(host);
  renderer.setAnimationLoop(() => {
    turntable.rotation.y = ((now() % TURN_MS) / TURN_MS) * Math.PI * 2;
    renderer.render(scene, camera);
  });
  return () => {
    renderer.setAnimationLoop(null);
    observer.disconnect();
    renderer.dispose();
    renderer.domElement.remove();
  };
}
