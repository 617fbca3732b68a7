import ICP
