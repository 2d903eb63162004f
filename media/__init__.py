"""Photos and video files: upload checks, renditions, captions and credits (labelled "Photos")."""
