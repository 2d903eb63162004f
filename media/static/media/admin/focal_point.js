// Photo admin: a click on the preview sets the focal point. The two number
// fields hold the value (and work without this script); the marker shows it.
"use strict";
window.addEventListener("DOMContentLoaded", () => {
  const box = document.querySelector("[data-focal-point]");
  const fieldX = document.getElementById("id_focal_x");
  const fieldY = document.getElementById("id_focal_y");
  if (!box || !fieldX || !fieldY) return;
  const image = box.querySelector("img");
  const marker = box.querySelector(".focal-point__marker");
  const percent = (offset, size) => Math.min(100, Math.max(0, Math.round((offset / size) * 100)));
  const show = () => {
    marker.style.left = `${percent(Number(fieldX.value || 50), 100)}%`;
    marker.style.top = `${percent(Number(fieldY.value || 50), 100)}%`;
  };
  image.addEventListener("click", (event) => {
    const rect = image.getBoundingClientRect();
    fieldX.value = percent(event.clientX - rect.left, rect.width);
    fieldY.value = percent(event.clientY - rect.top, rect.height);
    show();
  });
  fieldX.addEventListener("input", show);
  fieldY.addEventListener("input", show);
  box.classList.add("focal-point--active");
  marker.hidden = false;
  box.parentElement.querySelector(".focal-point__help")?.removeAttribute("hidden");
  show();
});
