import json,sys,os,statistics as st
root=sys.argv[1]
def last(d):
    rows=[json.loads(l) for l in open(os.path.join(root,d,'metrics.jsonl'))]
    return rows[-1]
seeds=[101,102,103,104]
def mean(g,k): 
    v=[last(f"g{g}-s{s}")[k] for s in seeds]; return st.mean(v), v
step=last("g0.8-s101")['step']
r1=mean(0.8,'acc_rsn_train'); r2=mean(0.8,'acc_rsn_test'); r3=mean(0.3,'acc_rsn_test'); r4=mean(0.8,'acc_mem')
print(f"{root} step {step}")
for name,(m,v),ok in [("R1 g0.8 acc_rsn_train>=0.9",r1,r1[0]>=0.9),("R2 g0.8 acc_rsn_test>=0.5",r2,r2[0]>=0.5),("R3 g0.3 acc_rsn_test<=0.05",r3,r3[0]<=0.05),("R4 g0.8 acc_mem<=0.5",r4,r4[0]<=0.5)]:
    print(f"  {name}: mean {m:.3f} per seed {[round(x,3) for x in v]} -> {'holds' if ok else 'fails'}")
for g in (0.3,0.8):
    m=[last(f"g{g}-s{s}") for s in seeds]
    print(f"  g{g}: "+", ".join(f"{k} {st.mean(x[k] for x in m):.3f}" for k in ['acc_mem','acc_rsn_train','acc_rsn_test','loss_mem','loss_rsn_train','loss_rsn_test']))
sys.exit(0 if (r1[0]>=0.9 and r2[0]>=0.5 and r3[0]<=0.05 and r4[0]<=0.5) else 1)
